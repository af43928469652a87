from datetime import time

import pytest

from bot.routing import TimeWindow


def test_daytime_window_includes_start_and_excludes_end():
    window = TimeWindow(time(8, 0), time(20, 0))
    assert window.contains(time(8, 0))
    assert window.contains(time(19, 59, 59))
    assert not window.contains(time(20, 0))
    assert not window.contains(time(7, 59))
    assert not window.crosses_midnight


def test_overnight_window_crosses_midnight():
    window = TimeWindow(time(20, 0), time(6, 0))
    assert window.crosses_midnight
    for inside in (time(20, 0), time(23, 59), time(0, 0), time(5, 59)):
        assert window.contains(inside)
    for outside in (time(6, 0), time(12, 0), time(19, 59)):
        assert not window.contains(outside)


def test_after_midnight_part_belongs_to_previous_day():
    window = TimeWindow(time(20, 0), time(6, 0))
    assert window.belongs_to_previous_day(time(1, 30))
    assert not window.belongs_to_previous_day(time(21, 0))
    assert not TimeWindow(time(8, 0), time(20, 0)).belongs_to_previous_day(time(9, 0))


def test_complementary_windows_tile_the_day():
    evening, day = TimeWindow(time(20, 0), time(6, 0)), TimeWindow(time(6, 0), time(20, 0))
    for hour in range(24):
        for minute in (0, 30, 59):
            moment = time(hour, minute)
            assert evening.contains(moment) != day.contains(moment)


def test_empty_window_is_refused():
    with pytest.raises(ValueError, match="empty"):
        TimeWindow(time(8, 0), time(8, 0))


def test_str_is_readable():
    assert str(TimeWindow(time(20, 0), time(6, 0))) == "20:00-06:00"
