"""Taking due rows for one worker, so that no two workers ever take the same row."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncSession


async def claim_rows(session: AsyncSession, table, *conditions, order_by: Sequence, limit: int, values: dict,
                     returning: Sequence) -> list[Row]:
    """Marks up to `limit` rows meeting `conditions` with `values` and returns `returning` of those it changed."""
    candidates = select(table.id).where(*conditions).order_by(*order_by).limit(limit)
    if session.bind.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = (await session.scalars(candidates)).all()
    if not ids:
        return []
    # The conditions again: on SQLite another worker may have claimed a candidate since.
    claimed = await session.execute(
        update(table).where(table.id.in_(ids), *conditions).values(**values).returning(*returning)
        .execution_options(synchronize_session=False)
    )
    return list(claimed)
