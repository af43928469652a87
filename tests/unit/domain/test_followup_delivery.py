from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followup.delivery import deliverable_at, in_quiet_hours

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def deliver(due: datetime, *, urgent: bool = False, last: datetime | None = None, **options):
    return deliverable_at(
        due, urgent=urgent, last_unsolicited_for_melding_utc=last, stopped=False, **options
    )


def test_daytime_message_goes_out_when_due() -> None:
    assert deliver(local(2025, 3, 12, 14, 0)) == local(2025, 3, 12, 14, 0)


def test_evening_message_waits_for_the_morning() -> None:
    assert deliver(local(2025, 3, 12, 22, 30)) == local(2025, 3, 13, 8, 0)
    assert deliver(local(2025, 3, 13, 2, 0)) == local(2025, 3, 13, 8, 0)
    assert deliver(local(2025, 3, 12, 21, 0)) == local(2025, 3, 13, 8, 0)
    assert deliver(local(2025, 3, 13, 8, 0)) == local(2025, 3, 13, 8, 0)


def test_quiet_hours_end_in_local_time_across_dst() -> None:
    # Clocks go forward during the night of 29 to 30 March 2025.
    assert deliver(local(2025, 3, 29, 23, 0)) == datetime(2025, 3, 30, 6, 0, tzinfo=UTC)


def test_urgent_message_ignores_quiet_hours_and_the_daily_limit() -> None:
    night = local(2025, 3, 12, 23, 30)
    assert deliver(night, urgent=True, last=night - timedelta(minutes=5)) == night


def test_stop_silences_everything() -> None:
    for urgent in (False, True):
        due = local(2025, 3, 12, 14, 0)
        kept_quiet = deliverable_at(
            due, urgent=urgent, last_unsolicited_for_melding_utc=None, stopped=True
        )
        assert kept_quiet is None


def test_second_message_for_a_melding_waits_for_the_next_day() -> None:
    last = local(2025, 3, 12, 9, 0)
    assert deliver(local(2025, 3, 12, 15, 0), last=last) == local(2025, 3, 13, 8, 0)
    assert deliver(local(2025, 3, 13, 12, 0), last=last) == local(2025, 3, 13, 12, 0)


def test_quiet_hours_that_do_not_wrap_midnight() -> None:
    options = {"quiet_start": time(12), "quiet_end": time(14)}
    assert deliver(local(2025, 3, 12, 13, 0), **options) == local(2025, 3, 12, 14, 0)
    assert deliver(local(2025, 3, 12, 23, 0), **options) == local(2025, 3, 12, 23, 0)


def test_quiet_hours_ending_in_a_repeated_hour_end_at_its_second_occurrence() -> None:
    # Sao Paulo lived 23:00-24:00 twice on 16 February 2019; 02:10 UTC is the second 23:10.
    options = {"quiet_start": time(21), "quiet_end": time(23, 30), "tz": "America/Sao_Paulo"}
    due = datetime(2019, 2, 17, 2, 10, tzinfo=UTC)
    assert deliver(due, **options) == datetime(2019, 2, 17, 2, 30, tzinfo=UTC)


def test_equal_start_and_end_mean_no_quiet_hours() -> None:
    assert not in_quiet_hours(time(3), time(0), time(0))


def test_time_zone_may_be_given_as_an_object() -> None:
    # 22:30 UTC is 07:30 in Tokyo: still quiet there until 08:00.
    due = datetime(2025, 3, 12, 22, 30, tzinfo=UTC)
    assert deliver(due, tz=ZoneInfo("Asia/Tokyo")) == datetime(2025, 3, 12, 23, 0, tzinfo=UTC)


# --- properties -----------------------------------------------------------------------------

ZONES = ["Europe/Amsterdam", "Asia/Jerusalem", "America/Sao_Paulo", "Australia/Lord_Howe"]
DST_CHANGES = [
    datetime(2025, 3, 30, 1, 0, tzinfo=UTC),  # Amsterdam
    datetime(2025, 10, 26, 1, 0, tzinfo=UTC),
    datetime(2018, 11, 4, 3, 0, tzinfo=UTC),  # Sao Paulo: midnight does not exist
    datetime(2019, 2, 17, 2, 0, tzinfo=UTC),  # Sao Paulo: 23:00 to midnight twice
    datetime(2025, 4, 5, 15, 0, tzinfo=UTC),  # Lord Howe: half an hour back
]
instants = st.one_of(
    st.datetimes(
        min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    st.builds(
        lambda change, offset: change + offset,
        st.sampled_from(DST_CHANGES),
        st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(hours=12)),
    ),
)
wall_times = st.one_of(
    st.sampled_from([time(0), time(1, 45), time(2, 30), time(23), time(23, 30)]),
    st.times().map(lambda moment: moment.replace(microsecond=0)),
)


@settings(max_examples=300, deadline=None)
@given(
    due=instants,
    quiet_start=wall_times,
    quiet_end=wall_times,
    zone=st.sampled_from(ZONES),
    last_offset=st.one_of(st.none(), st.timedeltas(timedelta(days=-3), timedelta(days=1))),
)
def test_non_urgent_delivery_respects_night_and_daily_limit(
    due: datetime, quiet_start: time, quiet_end: time, zone: str, last_offset: timedelta | None
) -> None:
    last = None if last_offset is None else due + last_offset
    result = deliverable_at(
        due,
        urgent=False,
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        tz=zone,
        last_unsolicited_for_melding_utc=last,
        stopped=False,
    )
    assert result is not None and result >= due
    local_result = result.astimezone(ZoneInfo(zone))
    assert not in_quiet_hours(local_result.time(), quiet_start, quiet_end)
    if last is not None:
        assert local_result.date() > last.astimezone(ZoneInfo(zone)).date()


@settings(max_examples=100, deadline=None)
@given(due=instants, zone=st.sampled_from(ZONES))
def test_urgent_delivery_is_immediate(due: datetime, zone: str) -> None:
    result = deliverable_at(
        due, urgent=True, tz=zone, last_unsolicited_for_melding_utc=due, stopped=False
    )
    assert result == due


@settings(max_examples=100, deadline=None)
@given(
    dues=st.lists(instants, min_size=2, max_size=8),
    zone=st.sampled_from(ZONES),
)
def test_one_melding_never_gets_two_on_the_same_local_day(dues: list[datetime], zone: str) -> None:
    last = None
    delivered_days = []
    for due in sorted(dues):
        last = deliverable_at(
            due, urgent=False, tz=zone, last_unsolicited_for_melding_utc=last, stopped=False
        )
        delivered_days.append(last.astimezone(ZoneInfo(zone)).date())
    assert delivered_days == sorted(set(delivered_days))
