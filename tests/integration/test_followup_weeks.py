"""Six weeks of follow-up for meldingen in four languages, with time injected: every resident receives
exactly the schedule's messages, in their language, never during quiet hours (urgent news apart),
and at most one scheduled message per melding per day.

The calendar: reported on Monday 10 March 2025 at 10:00 (Amsterdam); summer time starts on
30 March, so "seven days later" is an hour later on the clock from then on.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.followup.delivery import in_quiet_hours
from bot.followup.model import FollowUpKind
from bot.i18n import Texts
from dialogs.events import Sender
from dialogs.professional import hash_code
from dialogs.vocabulary import LANGUAGES
from storage.unit_of_work import UnitOfWork
from tests.integration.followup_world import COORDINATOR_CHAT, Coordinator, ResidentAt, World, local

T0 = local(2025, 3, 10, 10, 0)
END = local(2025, 4, 20, 23, 0)
DAY = timedelta(days=1)
JONGERENWERK_CHAT = -1009000000501
SCHEDULED_KINDS = {kind.value for kind in FollowUpKind} - {FollowUpKind.STATUS_PUSH.value}
UNSOLICITED_KINDS = SCHEDULED_KINDS | {"status_push", "question"}
TEXTS = Texts()


def fixed_text(key: str, locale: str) -> str:
    """The longest literal part of a catalog text: present whatever fills its placeholders."""
    template = TEXTS.translations[locale].gettext(key)
    return max(template.replace("}", "{").split("{")[::2], key=len).strip()


@dataclass
class Case:
    scenario: str
    resident: ResidentAt
    melding_id: int = 0

    @property
    def reference(self) -> str:
        return f"BL-{1000 + self.melding_id}"


ESCALATED = local(2025, 3, 12, 17, 0)  # two working days after Monday morning, at the end of the day
QUESTION_ASKED = local(2025, 3, 11, 10, 0)
REMINDED = QUESTION_ASKED + 5 * DAY
LATE_QUESTION = local(2025, 4, 7, 9, 0)

EXPECTED = {
    # Nobody takes it on: escalation, then an update after every silent week, the four-week check.
    "ignored": [
        ("followup.escalated", ESCALATED),
        ("followup.interim", ESCALATED + 7 * DAY),
        ("followup.interim", ESCALATED + 14 * DAY),
        ("followup.interim", ESCALATED + 21 * DAY),
        ("followup.still_going", T0 + 28 * DAY),
        ("followup.interim", T0 + 35 * DAY),  # a week after the check, which was news too
    ],
    "handled": [
        ("notice.accepted", local(2025, 3, 10, 11, 0)),
        ("notice.closed", local(2025, 3, 13, 11, 0)),
        ("followup.solved_check", local(2025, 3, 16, 11, 0)),
    ],
    # Closed late in the evening: the news waits for the morning, and so does the check.
    "not_solved": [
        ("notice.accepted", local(2025, 3, 10, 11, 0)),
        ("notice.closed", local(2025, 3, 13, 8, 0)),
        ("followup.solved_check", local(2025, 3, 16, 8, 0)),
        ("notice.accepted", local(2025, 3, 17, 10, 0)),
        ("notice.closed", local(2025, 3, 19, 10, 0)),
        ("followup.solved_check", local(2025, 3, 22, 10, 0)),
    ],
    "unanswered": [
        ("notice.accepted", local(2025, 3, 10, 11, 0)),
        ("notice.question", QUESTION_ASKED),
        ("followup.question_reminder", REMINDED),
        ("followup.interim", REMINDED + 7 * DAY),
        ("followup.interim", REMINDED + 14 * DAY),
        ("followup.interim", REMINDED + 21 * DAY),
        ("followup.still_going", T0 + 28 * DAY),
        ("followup.interim", T0 + 35 * DAY),
    ],
    # A question on the morning the four-week check is due: the check waits for the next day.
    "asked_late": [
        ("notice.accepted", local(2025, 3, 10, 11, 0)),
        ("followup.interim", local(2025, 3, 10, 11, 0) + 7 * DAY),
        ("followup.interim", local(2025, 3, 10, 11, 0) + 14 * DAY),
        ("followup.interim", local(2025, 3, 10, 11, 0) + 21 * DAY),
        ("notice.question", LATE_QUESTION),
        ("followup.still_going", local(2025, 4, 8, 8, 0)),
        ("followup.question_reminder", LATE_QUESTION + 5 * DAY),
        ("followup.interim", LATE_QUESTION + 12 * DAY),
    ],
    # Taken on and closed late in the evening: one message in the morning, the latest news only.
    "night_owl": [
        ("notice.closed", local(2025, 3, 12, 8, 0)),
        ("followup.solved_check", local(2025, 3, 15, 8, 0)),
    ],
    "stopped": [],
    # Acute: news goes out at night; the check does not.
    "acute": [
        ("notice.accepted", local(2025, 3, 11, 23, 15)),
        ("notice.closed", local(2025, 3, 11, 23, 30)),
        ("followup.solved_check", local(2025, 3, 15, 8, 0)),
    ],
}
URGENT = {"acute"}


async def link_coordinator(world: World) -> Coordinator:
    async with UnitOfWork(world.app.session_factory) as uow:
        await uow.professionals.add_invite(code_hash=hash_code("COORD-1"), partner_id="gemeente-oov",
                                           role="gemeente_coordinator", now=world.now,
                                           expires_at=world.now + 7 * DAY)
        await uow.commit()
    coordinator = Coordinator(world, Sender("telegram", COORDINATOR_CHAT, "nl", user_id=9001, private=False))
    await coordinator.link("COORD-1")
    return coordinator


async def report(world: World, cases: list[Case], scenario: str, text: str) -> None:
    for case in (c for c in cases if c.scenario == scenario):
        reference = await case.resident.reports(text, "jongerenoverlast")
        case.melding_id = int(reference.removeprefix("BL-")) - 1000


def script(world: World, coordinator: Coordinator, cases: list[Case]):
    def each(scenario: str):
        return [case for case in cases if case.scenario == scenario]

    async def at(moment: datetime, scenarios: tuple[str, ...], *actions: str) -> None:
        await world.run_until(moment)
        for scenario in scenarios:
            for case in each(scenario):
                await coordinator.on(case.melding_id, *actions)

    async def residents(moment: datetime, scenario: str, press: str, comment: str | None = None) -> None:
        await world.run_until(moment)
        for case in each(scenario):
            await case.resident.presses(press.format(id=case.melding_id))
            if comment:
                await case.resident.says(comment)

    return at, residents


async def test_six_weeks_of_follow_up(session_factory, database_url):
    world = await World.create(database_url, T0)
    try:
        await world.worker.plan_weekly_digests()
        coordinator = await link_coordinator(world)
        cases = [Case(scenario, ResidentAt(world, 10_000 + 10 * n + i, locale))
                 for n, scenario in enumerate(EXPECTED) for i, locale in enumerate(LANGUAGES)]
        for scenario in ("ignored", "handled", "not_solved", "unanswered", "asked_late", "night_owl", "stopped"):
            await report(world, cases, scenario, "Elke avond hangjongeren bij het winkelcentrum")
        for case in (c for c in cases if c.scenario == "stopped"):
            await case.resident.says("/stop")
        at, residents = script(world, coordinator, cases)

        await at(local(2025, 3, 10, 11, 0), ("handled", "not_solved", "unanswered", "asked_late"), "acc:{id}")
        await at(QUESTION_ASKED, ("unanswered",), "q:{id}:when")
        await at(local(2025, 3, 11, 22, 0), ("night_owl",), "acc:{id}")
        await at(local(2025, 3, 11, 22, 45), ("night_owl",), "c:{id}:watch")
        await world.run_until(local(2025, 3, 11, 23, 0))
        await report(world, cases, "acute", "Hangjongeren met een mes bij de school")
        await at(local(2025, 3, 11, 23, 15), ("acute",), "acc:{id}")
        await at(local(2025, 3, 11, 23, 30), ("acute",), "c:{id}:action")
        await at(local(2025, 3, 12, 22, 30), ("not_solved",), "c:{id}:talked")
        await at(local(2025, 3, 13, 11, 0), ("handled",), "c:{id}:solved")
        await residents(local(2025, 3, 15, 9, 0), "acute", "f:sv:{id}:y")
        await residents(local(2025, 3, 16, 9, 0), "not_solved", "f:sv:{id}:n", "Ze zijn er gewoon weer, elke avond")
        await residents(local(2025, 3, 16, 12, 0), "handled", "f:sv:{id}:y")
        await at(local(2025, 3, 17, 10, 0), ("not_solved",), "acc:{id}")
        await at(local(2025, 3, 19, 10, 0), ("not_solved",), "c:{id}:action")
        await residents(local(2025, 3, 22, 11, 0), "not_solved", "f:sv:{id}:y")
        await at(LATE_QUESTION, ("asked_late",), "q:{id}:details")
        await world.run_until(END)

        for case in cases:
            assert_received_the_schedule(world, case)
        assert_partners_heard_in_time(world, cases)
        await assert_nothing_left_behind(world)
    finally:
        await world.app.close()


def assert_received_the_schedule(world: World, case: Case) -> None:
    received = world.messages_to(case.resident.sender.chat_id)
    expected = EXPECTED[case.scenario]
    assert len(received) == len(expected), (case, [(m.kind, m.local_at.isoformat()) for m in received])
    for message, (key, moment) in zip(received, expected):
        assert message.at == moment, (case, key, message.local_at.isoformat())
        assert fixed_text(key, case.resident.locale) in message.text, (case, key, message.text)
        assert case.reference in message.text
        urgent = case.scenario in URGENT and message.kind in ("status_push", "question")
        if not urgent:
            assert not in_quiet_hours(message.local_at.time(), world.worker.delivery.quiet_start,
                                      world.worker.delivery.quiet_end), (case, message)
    per_day = defaultdict(list)
    for message in received:
        per_day[message.local_at.date()].append(message.kind)
    for day, kinds in per_day.items():
        scheduled = [kind for kind in kinds if kind in SCHEDULED_KINDS]
        assert len(scheduled) <= 1, (case, day, kinds)
        if scheduled:
            assert kinds[0] == scheduled[0], f"{case}: a scheduled message followed other news on {day}: {kinds}"


def assert_partners_heard_in_time(world: World, cases: list[Case]) -> None:
    def references(chat_id: int, kind: str) -> dict[str, list[datetime]]:
        found = defaultdict(list)
        for message in world.messages_to(chat_id):
            if message.kind == kind:
                found[next(c.reference for c in cases if c.reference in message.text)].append(message.at)
        return found

    escalated = references(COORDINATOR_CHAT, "escalation")
    assert escalated == {c.reference: [ESCALATED] for c in cases if c.scenario in ("ignored", "stopped")}
    unanswered = references(COORDINATOR_CHAT, "question_unanswered")
    told = {"unanswered": local(2025, 3, 18, 10, 0), "asked_late": local(2025, 4, 14, 9, 0)}
    assert unanswered == {c.reference: [told[c.scenario]] for c in cases if c.scenario in told}
    reopened = references(JONGERENWERK_CHAT, "reopened_by_resident")
    assert reopened == {c.reference: [local(2025, 3, 16, 9, 0)] for c in cases if c.scenario == "not_solved"}
    # Monday 09:00 on the gemeente's clock, summer time or not.
    mondays = [local(2025, month, day, 9, 0) for month, day in ((3, 17), (3, 24), (3, 31), (4, 7), (4, 14))]
    for chat_id in (COORDINATOR_CHAT, JONGERENWERK_CHAT):
        assert [m.at for m in world.messages_to(chat_id) if m.kind == "digest"] == mondays


async def assert_nothing_left_behind(world: World) -> None:
    """Everything due went out, nothing failed, no claim was left hanging."""
    async with UnitOfWork(world.app.session_factory) as uow:
        outbox, followups = await uow.outbox.counts(), await uow.followups.counts()
        assert await uow.outbox.failures() == [] and await uow.followups.failures() == []
    assert outbox.get("superseded") == len(LANGUAGES), "each night owl's 'accepted' gave way to 'closed'"
    assert set(outbox) == {"sent", "superseded"}, outbox
    assert "claimed" not in followups and "failed" not in followups, followups
    assert followups.get("pending", 0) > 0, "open meldingen keep their next follow-up in the schedule"
