from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.outbox.ratelimit import SendLimiter

PRIVATE_CHATS = [101, 102, 103]
GROUPS = [-1001, -1002]


def test_first_message_goes_at_once_and_a_second_waits_a_second() -> None:
    limiter = SendLimiter()
    assert limiter.reserve(101, now=10.0) == 0.0
    assert limiter.reserve(101, now=10.25) == pytest.approx(0.75)
    assert limiter.reserve(102, now=10.25) == 0.0
    assert limiter.reserve(101, now=11.0) == 0.0


def test_a_refused_reservation_records_nothing() -> None:
    limiter = SendLimiter()
    limiter.reserve(101, now=0.0)
    for moment in (0.1, 0.5, 0.9):
        assert limiter.reserve(101, now=moment) > 0
    assert limiter.reserve(101, now=1.0) == 0.0


def test_thirty_a_second_overall() -> None:
    limiter = SendLimiter()
    for chat_id in range(1, 31):
        assert limiter.reserve(chat_id, now=5.0 + chat_id / 100) == 0.0
    assert limiter.reserve(31, now=5.5) == pytest.approx(0.51)
    assert limiter.reserve(31, now=6.01) == 0.0


def test_twenty_a_minute_per_group() -> None:
    limiter = SendLimiter()
    for second in range(20):
        assert limiter.reserve(-1001, now=float(second)) == 0.0
    assert limiter.reserve(-1001, now=20.0) == pytest.approx(40.0)
    assert limiter.reserve(-1001, now=60.0) == 0.0


def test_penalty_for_one_chat() -> None:
    limiter = SendLimiter()
    limiter.penalise(101, retry_after=7, now=0.0)
    assert limiter.reserve(101, now=2.0) == pytest.approx(5.0)
    assert limiter.reserve(102, now=2.0) == 0.0
    assert limiter.reserve(101, now=7.0) == 0.0


def test_penalty_for_everything() -> None:
    limiter = SendLimiter()
    limiter.penalise(None, retry_after=3, now=0.0)
    assert limiter.reserve(101, now=1.0) == pytest.approx(2.0)
    assert limiter.reserve(-1001, now=1.0) == pytest.approx(2.0)
    assert limiter.reserve(101, now=3.0) == 0.0


def test_idle_chats_are_forgotten() -> None:
    limiter = SendLimiter()
    for chat_id in range(1000):
        limiter.reserve(chat_id, now=chat_id / 10)
    limiter.penalise(-5, retry_after=500, now=100.0)
    limiter.reserve(1, now=200.0)
    assert limiter.tracked_chats() == 2  # chat 1 itself and the chat still penalised


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SendLimiter(global_per_second=0)


# --- properties -----------------------------------------------------------------------------

requests = st.lists(
    st.tuples(
        st.sampled_from(PRIVATE_CHATS + GROUPS),
        st.sampled_from([0.0, 0.0, 0.001, 0.01, 0.05, 0.3, 1.0, 2.5]),
    ),
    min_size=1,
    max_size=400,
)


def granted_sends(limiter: SendLimiter, steps: list[tuple[int, float]]) -> list[tuple[float, int]]:
    now, grants = 0.0, []
    for chat_id, step in steps:
        now += step
        if limiter.reserve(chat_id, now) == 0.0:
            grants.append((now, chat_id))
    return grants


@settings(max_examples=150, deadline=None)
@given(steps=requests, extra_chats=st.integers(0, 40))
def test_granted_sends_never_break_telegram_limits(
    steps: list[tuple[int, float]], extra_chats: int
) -> None:
    limiter = SendLimiter()
    # Many distinct chats at once make the global limit bite, not only the per-chat one.
    burst = [(1000 + i, 0.0) for i in range(extra_chats)]
    grants = granted_sends(limiter, burst + steps)
    times = [moment for moment, _ in grants]
    for earlier, later in zip(times, times[30:]):
        assert later >= earlier + 1.0
    per_chat = defaultdict(list)
    for moment, chat_id in grants:
        per_chat[chat_id].append(moment)
    for chat_id, moments in per_chat.items():
        for earlier, later in zip(moments, moments[1:]):
            assert later >= earlier + 1.0
        if chat_id < 0:
            for earlier, later in zip(moments, moments[20:]):
                assert later >= earlier + 60.0


@settings(max_examples=100, deadline=None)
@given(steps=requests, chat_id=st.sampled_from(PRIVATE_CHATS + GROUPS))
def test_waiting_the_answer_is_enough(steps: list[tuple[int, float]], chat_id: int) -> None:
    limiter = SendLimiter()
    granted_sends(limiter, steps)
    now = sum(step for _, step in steps)
    wait = limiter.reserve(chat_id, now)
    assert wait >= 0.0
    if wait:
        assert limiter.reserve(chat_id, now + wait + 1e-9) == 0.0


def test_global_spacing_spreads_sends_evenly_within_the_window() -> None:
    limiter = SendLimiter(global_spacing=1 / 29)
    now, sent_at = 0.0, []
    for chat_id in range(60):
        while (wait := limiter.reserve(chat_id, now)) > 0:
            now += wait
        sent_at.append(now)
    gaps = [later - earlier for earlier, later in zip(sent_at, sent_at[1:])]
    assert min(gaps) >= 1 / 29 - 1e-9
    # 29 a second at most, so a request that arrives a little late never makes Telegram count 31.
    assert all(later - earlier >= 1.0 - 1e-9 for earlier, later in zip(sent_at, sent_at[29:]))
