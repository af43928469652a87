from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.workdays import WorkingCalendar, dutch_public_holidays, easter_sunday, kings_day

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDAR = WorkingCalendar()


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2000, date(2000, 4, 23)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday() -> None:
    assert kings_day(2025) == date(2025, 4, 26)
    assert kings_day(2014) == date(2014, 4, 26)
    assert kings_day(2024) == date(2024, 4, 27)


def test_all_holidays_of_2025() -> None:
    assert dutch_public_holidays(2025) == {
        date(2025, 1, 1): "Nieuwjaarsdag",
        date(2025, 4, 20): "Eerste Paasdag",
        date(2025, 4, 21): "Tweede Paasdag",
        date(2025, 4, 26): "Koningsdag",
        date(2025, 5, 5): "Bevrijdingsdag",
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 8): "Eerste Pinksterdag",
        date(2025, 6, 9): "Tweede Pinksterdag",
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
    }


def test_ascension_and_pentecost_2026() -> None:
    holidays = CALENDAR.holidays(2026)
    assert holidays[date(2026, 5, 14)] == "Hemelvaartsdag"
    assert holidays[date(2026, 5, 25)] == "Tweede Pinksterdag"


def test_liberation_day_policies() -> None:
    liberation_2026 = date(2026, 5, 5)
    assert liberation_2026 not in WorkingCalendar().holidays(2026)
    assert liberation_2026 in WorkingCalendar(liberation_day="yearly").holidays(2026)
    assert date(2030, 5, 5) in WorkingCalendar().holidays(2030)
    assert date(2025, 5, 5) not in WorkingCalendar(liberation_day="never").holidays(2025)
    with pytest.raises(ValueError):
        WorkingCalendar(liberation_day="sometimes")


def test_good_friday_only_when_configured() -> None:
    assert date(2025, 4, 18) not in CALENDAR.holidays(2025)
    assert CALENDAR.is_working_day(date(2025, 4, 18))
    assert WorkingCalendar(good_friday=True).holidays(2025)[date(2025, 4, 18)] == "Goede Vrijdag"


def test_extra_holidays_from_configuration() -> None:
    calendar = WorkingCalendar(extra_holidays=frozenset({date(2025, 7, 1), date(2025, 12, 25)}))
    assert not calendar.is_working_day(date(2025, 7, 1))
    assert calendar.holidays(2025)[date(2025, 7, 1)] == "Extra vrije dag"
    assert calendar.holidays(2025)[date(2025, 12, 25)] == "Eerste Kerstdag"
    assert date(2025, 7, 1) not in calendar.holidays(2026)


def test_friday_evening_plus_one_working_day_is_monday() -> None:
    assert CALENDAR.add_working_days(local(2025, 3, 14, 20, 0), 1) == date(2025, 3, 17)


def test_friday_evening_before_easter_monday_plus_one_is_tuesday() -> None:
    assert CALENDAR.add_working_days(local(2025, 4, 18, 20, 0), 1) == date(2025, 4, 22)


def test_counting_starts_from_the_local_date() -> None:
    # 23:30 UTC on Friday is already Saturday in Amsterdam.
    friday_night_utc = datetime(2025, 1, 3, 23, 30, tzinfo=UTC)
    assert CALENDAR.add_working_days(friday_night_utc, 1) == date(2025, 1, 6)


def test_zero_working_days_is_the_day_it_is_picked_up() -> None:
    assert CALENDAR.add_working_days(local(2025, 3, 12, 10, 0), 0) == date(2025, 3, 12)
    assert CALENDAR.add_working_days(local(2025, 3, 15, 10, 0), 0) == date(2025, 3, 17)


def test_deadline_is_end_of_working_day_in_utc() -> None:
    summer = CALENDAR.deadline_after_working_days(local(2025, 6, 2, 9, 0), 2)
    winter = CALENDAR.deadline_after_working_days(local(2025, 12, 1, 9, 0), 2)
    assert summer == datetime(2025, 6, 4, 15, 0, tzinfo=UTC)
    assert winter == datetime(2025, 12, 3, 16, 0, tzinfo=UTC)


def test_working_hours_continue_after_the_weekend_across_dst() -> None:
    # Clocks go forward on Sunday 30 March 2025: Friday is +01:00, Monday +02:00.
    result = CALENDAR.add_working_hours(local(2025, 3, 28, 16, 0), 2)
    assert result == local(2025, 3, 31, 9, 30)
    assert result.utcoffset() == timedelta(0)
    assert result == datetime(2025, 3, 31, 7, 30, tzinfo=UTC)


def test_working_hours_may_end_exactly_at_day_end() -> None:
    assert CALENDAR.add_working_hours(local(2025, 3, 12, 13, 0), 4) == local(2025, 3, 12, 17, 0)


def test_working_hour_is_a_real_hour_when_dst_changes_on_a_working_day() -> None:
    # Israel moved its clocks from 02:00 to 03:00 on Friday 28 March 2025.
    calendar = WorkingCalendar(timezone="Asia/Jerusalem", day_start=time(0), day_end=time(6))
    jerusalem = ZoneInfo("Asia/Jerusalem")
    start = datetime(2025, 3, 28, 0, 0, tzinfo=jerusalem)
    assert calendar.add_working_hours(start, 5) == datetime(2025, 3, 28, 6, 0, tzinfo=jerusalem)
    assert calendar.add_working_hours(start, 5.5) == datetime(2025, 3, 31, 0, 30, tzinfo=jerusalem)


def test_next_working_moment() -> None:
    during = local(2025, 3, 12, 10, 0)
    assert CALENDAR.next_working_moment(during) == during
    assert CALENDAR.next_working_moment(local(2025, 3, 12, 7, 0)) == local(2025, 3, 12, 8, 30)
    assert CALENDAR.next_working_moment(local(2025, 3, 12, 17, 0)) == local(2025, 3, 13, 8, 30)
    assert CALENDAR.next_working_moment(local(2025, 3, 15, 12, 0)) == local(2025, 3, 17, 8, 30)


def test_naive_datetimes_are_rejected() -> None:
    naive = datetime(2025, 3, 12, 10, 0)
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(naive, 1)
    with pytest.raises(ValueError):
        CALENDAR.add_working_hours(naive, 1)
    with pytest.raises(ValueError):
        CALENDAR.next_working_moment(naive)


def test_invalid_configuration_is_rejected() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(day_start=time(17), day_end=time(8, 30))
    with pytest.raises(Exception):
        WorkingCalendar(timezone="Europe/Nowhere")


# --- properties -----------------------------------------------------------------------------

ZONES = [AMSTERDAM, UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")]
DST_CHANGES_2025 = [
    datetime(2025, 3, 30, 1, 0, tzinfo=UTC),  # Amsterdam, spring
    datetime(2025, 10, 26, 1, 0, tzinfo=UTC),  # Amsterdam, autumn
    datetime(2025, 3, 28, 0, 0, tzinfo=UTC),  # Jerusalem, Friday 02:00
    datetime(2025, 4, 24, 22, 0, tzinfo=UTC),  # Cairo, Friday 00:00
    datetime(2025, 10, 30, 21, 0, tzinfo=UTC),  # Cairo, Thursday 24:00 back to 23:00
]
aware_moments = st.one_of(
    st.datetimes(
        min_value=datetime(2020, 1, 1),
        max_value=datetime(2040, 12, 31),
        timezones=st.sampled_from(ZONES),
        allow_imaginary=False,
    ),
    st.builds(
        lambda change, offset: change + offset,
        st.sampled_from(DST_CHANGES_2025),
        st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=1)),
    ),
)
# Dutch clocks change on Sundays, outside working time; Jerusalem (Friday 02:00) and Cairo
# (Thursday midnight) change them on working days, so their windows cross the DST changes.
calendars = st.builds(
    lambda zone, window, **options: WorkingCalendar(
        timezone=zone, day_start=window[0], day_end=window[1], **options
    ),
    zone=st.sampled_from(["Europe/Amsterdam", "Asia/Jerusalem", "Africa/Cairo"]),
    window=st.sampled_from([
        (time(8, 30), time(17)),
        (time(0), time(6)),
        (time(1, 30), time(12)),
        (time(20), time(23, 59)),
    ]),
    liberation_day=st.sampled_from(["lustrum", "yearly", "never"]),
    good_friday=st.booleans(),
)
PROPERTY_SETTINGS = settings(max_examples=100, deadline=None)


def working_days_between(calendar: WorkingCalendar, after: date, up_to: date) -> int:
    days = (up_to - after).days
    return sum(calendar.is_working_day(after + timedelta(days=i)) for i in range(1, days + 1))


def working_time_between(calendar: WorkingCalendar, start: datetime, end: datetime) -> timedelta:
    """Reference measure: the overlap of [start, end] with each day's working window."""
    total = timedelta(0)
    day = calendar.local_date(start)
    while day <= calendar.local_date(end):
        if calendar.is_working_day(day):
            window_start = max(start, calendar.at_local_time(day, calendar.day_start))
            window_end = min(end, calendar.at_local_time(day, calendar.day_end))
            total += max(timedelta(0), window_end - window_start)
        day += timedelta(days=1)
    return total


def in_working_time(calendar: WorkingCalendar, moment: datetime) -> bool:
    day = calendar.local_date(moment)
    return calendar.is_working_day(day) and (
        calendar.at_local_time(day, calendar.day_start)
        <= moment
        <= calendar.at_local_time(day, calendar.day_end)
    )


@PROPERTY_SETTINGS
@given(calendar=calendars, start=aware_moments, days=st.integers(min_value=1, max_value=30))
def test_adding_n_working_days_passes_exactly_n_working_days(
    calendar: WorkingCalendar, start: datetime, days: int
) -> None:
    result = calendar.add_working_days(start, days)
    assert calendar.is_working_day(result)
    assert working_days_between(calendar, calendar.local_date(start), result) == days


@PROPERTY_SETTINGS
@given(calendar=calendars, start=aware_moments, days=st.integers(min_value=0, max_value=30))
def test_adding_working_days_is_monotonic(
    calendar: WorkingCalendar, start: datetime, days: int
) -> None:
    result = calendar.add_working_days(start, days)
    assert calendar.is_working_day(result)
    assert result >= calendar.local_date(start)
    one_more = calendar.add_working_days(start, days + 1)
    # From a weekend or holiday, 0 and 1 working days both mean the next working day.
    assert one_more > result if days else one_more >= result


@PROPERTY_SETTINGS
@given(calendar=calendars, start=aware_moments, hours=st.floats(min_value=0.01, max_value=80))
def test_adding_working_hours_lands_in_working_time_after_exactly_that_much_work(
    calendar: WorkingCalendar, start: datetime, hours: float
) -> None:
    result = calendar.add_working_hours(start, hours)
    assert result.tzinfo is UTC
    assert result > start
    assert in_working_time(calendar, result)
    assert working_time_between(calendar, start, result) == timedelta(hours=hours)


@PROPERTY_SETTINGS
@given(start=aware_moments, hours=st.floats(min_value=0, max_value=40), more=st.floats(0, 40))
def test_adding_working_hours_is_monotonic(start: datetime, hours: float, more: float) -> None:
    earlier = CALENDAR.add_working_hours(start, hours)
    assert earlier <= CALENDAR.add_working_hours(start, hours + more)


@PROPERTY_SETTINGS
@given(start=aware_moments)
def test_zero_working_hours_is_the_start_itself(start: datetime) -> None:
    # Compared in UTC: Python never finds a repeated local hour equal across time zones.
    assert CALENDAR.add_working_hours(start, 0) == start.astimezone(UTC)


@PROPERTY_SETTINGS
@given(calendar=calendars, moment=aware_moments)
def test_next_working_moment_skips_no_working_time(
    calendar: WorkingCalendar, moment: datetime
) -> None:
    result = calendar.next_working_moment(moment)
    assert result >= moment
    assert in_working_time(calendar, result)
    assert working_time_between(calendar, moment, result) == timedelta(0)


@PROPERTY_SETTINGS
@given(year=st.integers(min_value=1900, max_value=2200))
def test_moveable_holidays_fall_on_their_weekdays(year: int) -> None:
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)
    holidays = dutch_public_holidays(year, liberation_day="never")
    assert holidays[easter + timedelta(days=39)] == "Hemelvaartsdag"
    assert (easter + timedelta(days=39)).weekday() == 3
    assert holidays[easter + timedelta(days=50)] == "Tweede Pinksterdag"
    assert kings_day(year).weekday() != 6
    assert len(holidays) == 9


def test_ascension_on_liberation_day_keeps_both_names() -> None:
    assert dutch_public_holidays(2005)[date(2005, 5, 5)] == "Hemelvaartsdag en Bevrijdingsdag"
