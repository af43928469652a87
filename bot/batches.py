"""Working through claimed batches until nothing is due, shared by the outbox and the follow-ups."""
from __future__ import annotations

from collections.abc import Awaitable, Callable


async def until_idle(tick: Callable[[], Awaitable[int]], max_rounds: int) -> int:
    """Calls `tick` (which claims and works one batch, returning its size) until a batch comes back empty."""
    total = 0
    for _ in range(max_rounds):
        claimed = await tick()
        if not claimed:
            break
        total += claimed
    return total
