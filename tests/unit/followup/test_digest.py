from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.followup.digest import MAX_ITEMS, digest_notice, next_digest_at
from bot.i18n import Texts
from dialogs.workdays import WorkingCalendar
from storage.followup_repository import OpenMelding

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDAR = WorkingCalendar()


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def open_melding(number: int, status: str, routed_at: datetime, urgency: str = "normaal") -> OpenMelding:
    return OpenMelding(number, f"BL-{1000 + number}", "openbare_ruimte", status, urgency, routed_at, routed_at)


def test_digest_comes_on_monday_morning_and_skips_a_holiday_monday():
    assert next_digest_at(CALENDAR, local(2025, 3, 12, 15, 0)) == local(2025, 3, 17, 9, 0)
    assert next_digest_at(CALENDAR, local(2025, 3, 17, 9, 0)) == local(2025, 3, 24, 9, 0)
    assert next_digest_at(CALENDAR, local(2025, 3, 17, 8, 0)) == local(2025, 3, 17, 9, 0)
    # Easter Monday 2025 is 21 April: the digest comes on Tuesday morning.
    assert next_digest_at(CALENDAR, local(2025, 4, 18, 12, 0)) == local(2025, 4, 22, 8, 30)


def test_digest_counts_open_and_overdue_and_lists_overdue_first():
    now = local(2025, 3, 17, 9, 0)
    meldingen = [
        open_melding(1, "in_behandeling", now - timedelta(days=20)),
        open_melding(2, "doorgezet", now - timedelta(days=6)),  # two working days passed long ago
        open_melding(3, "doorgezet", now - timedelta(hours=1)),  # still within its time
    ]
    notice = digest_notice(-100, "Jongerenwerk", meldingen, CALENDAR, now.astimezone(UTC))
    message = notice.reply.message
    assert (notice.chat_id, notice.kind, message.key) == (-100, "digest", "pro.digest")
    assert (message.param("open"), message.param("overdue")) == (3, 1)
    listed = [item.param("reference").text for item in message.param("items").items]
    assert listed == ["BL-1002", "BL-1001", "BL-1003"]
    rendered = Texts().render(message, "nl")
    assert rendered.count("\n") >= 4 and "BL-1002" in rendered.splitlines()[2]


def test_an_empty_digest_says_so_and_a_long_one_is_cut():
    now = local(2025, 3, 17, 9, 0).astimezone(UTC)
    assert digest_notice(-100, "Jongerenwerk", [], CALENDAR, now).reply.message.key == "pro.digest_empty"
    many = [open_melding(n, "in_behandeling", now - timedelta(days=n)) for n in range(1, 100)]
    message = digest_notice(-100, "Jongerenwerk", many, CALENDAR, now).reply.message
    assert message.param("open") == 99 and len(message.param("items").items) == MAX_ITEMS
    assert len(Texts().render(message, "nl")) < 4096
