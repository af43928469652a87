"""Telegram's send limits, as a pure limiter the outbox dispatcher asks before every send.

Telegram allows a bot about 30 messages a second overall, one a second per chat and 20 a
minute per group; going over earns a 429 with `retry_after`. The limiter keeps sliding windows
of the sends it granted and never sleeps itself: it answers how long to wait, and the clock
(`now`, monotonic seconds) is always passed in.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

GROUP_WINDOW_SECONDS = 60.0
GLOBAL_WINDOW_SECONDS = 1.0
# A chat's history matters for at most the group window; after that it is forgotten.
IDLE_SECONDS = 60.0


def is_group_chat(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids in the Bot API."""
    return chat_id < 0


@dataclass
class _ChatState:
    last_send: float | None = None
    recent_sends: deque[float] = field(default_factory=deque)  # groups only
    blocked_until: float = float("-inf")

    def is_idle(self, now: float) -> bool:
        quiet = self.last_send is None or self.last_send + IDLE_SECONDS <= now
        return quiet and self.blocked_until <= now


def _drop_older_than(sends: deque[float], window: float, now: float) -> None:
    while sends and sends[0] + window <= now:
        sends.popleft()


def _window_wait(sends: deque[float], limit: int, window: float, now: float) -> float:
    """Seconds until one more send fits in a sliding window already trimmed to `now`."""
    if len(sends) < limit:
        return 0.0
    return sends[-limit] + window - now


class SendLimiter:
    def __init__(
        self,
        *,
        global_per_second: int = 30,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        global_spacing: float = 0.0,
    ) -> None:
        """`global_spacing`: at least this long between any two sends.

        The window alone lets a whole second's worth go out at once; the requests then reach
        Telegram a few milliseconds apart, and one that arrives a little late next to the next
        burst makes Telegram count 31 in a second. Evenly spaced sends leave room for that jitter.
        """
        if global_per_second < 1 or group_per_minute < 1 or per_chat_interval < 0 or global_spacing < 0:
            raise ValueError("send limits must be positive")
        self._global_per_second = global_per_second
        self._per_chat_interval = per_chat_interval
        self._group_per_minute = group_per_minute
        self._global_spacing = global_spacing
        self._global_sends: deque[float] = deque()
        self._global_blocked_until = float("-inf")
        self._chats: dict[int, _ChatState] = {}
        self._last_sweep = float("-inf")

    def reserve(self, chat_id: int, now: float) -> float:
        """0.0 when a message to `chat_id` may go now, recording the send; else seconds to wait.

        A refusal records nothing, so the caller simply asks again after waiting.
        """
        self._forget_idle_chats(now)
        _drop_older_than(self._global_sends, GLOBAL_WINDOW_SECONDS, now)
        chat = self._chats.get(chat_id)
        wait = max(
            0.0,
            self._global_blocked_until - now,
            self._global_sends[-1] + self._global_spacing - now if self._global_sends else 0.0,
            _window_wait(self._global_sends, self._global_per_second, GLOBAL_WINDOW_SECONDS, now),
            self._chat_wait(chat, now) if chat else 0.0,
        )
        if wait > 0:
            return wait
        self._record(chat_id, chat, now)
        return 0.0

    def penalise(self, chat_id: int | None, retry_after: float, now: float) -> None:
        """After a 429: hold back that chat, or every send when `chat_id` is None."""
        until = now + retry_after
        if chat_id is None:
            self._global_blocked_until = max(self._global_blocked_until, until)
            return
        chat = self._chats.setdefault(chat_id, _ChatState())
        chat.blocked_until = max(chat.blocked_until, until)

    def tracked_chats(self) -> int:
        return len(self._chats)

    def _chat_wait(self, chat: _ChatState, now: float) -> float:
        wait = chat.blocked_until - now
        if chat.last_send is not None:
            wait = max(wait, chat.last_send + self._per_chat_interval - now)
        if chat.recent_sends:
            _drop_older_than(chat.recent_sends, GROUP_WINDOW_SECONDS, now)
            wait = max(
                wait,
                _window_wait(
                    chat.recent_sends, self._group_per_minute, GROUP_WINDOW_SECONDS, now
                ),
            )
        return wait

    def _record(self, chat_id: int, chat: _ChatState | None, now: float) -> None:
        if chat is None:
            chat = self._chats[chat_id] = _ChatState()
        chat.last_send = now
        if is_group_chat(chat_id):
            chat.recent_sends.append(now)
        self._global_sends.append(now)

    def _forget_idle_chats(self, now: float) -> None:
        # A full sweep at most once a second keeps the cost flat however many chats there are.
        if now < self._last_sweep + 1.0:
            return
        self._last_sweep = now
        idle = [chat_id for chat_id, chat in self._chats.items() if chat.is_idle(now)]
        for chat_id in idle:
            del self._chats[chat_id]
