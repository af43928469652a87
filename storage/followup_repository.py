"""The follow-up schedule as rows, and the facts about a melding the follow-up rules ask for. Never commits.

A follow-up is claimed before it is worked on, like an outbox row. Whoever finishes it proves the
claim is still theirs (same row, still claimed, same attempt number) in the same transaction as
the messages it writes, so two workers can never both complete one follow-up.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.statuses import OPEN_STATUSES, Status
from storage import models
from storage.claiming import claim_rows
from storage.melding_repository import ASKED

PENDING, CLAIMED, DONE, SKIPPED, FAILED = "pending", "claimed", "done", "skipped", "failed"
# Working on one follow-up is a short database transaction; a claim older than this belongs to a
# worker that died, and the follow-up may be taken again.
CLAIM_TIMEOUT = timedelta(minutes=1)


@dataclass(frozen=True)
class DueFollowUp:
    id: int
    kind: str
    melding_id: int | None
    partner_id: str | None
    due_at: datetime
    planned_at: datetime
    urgent: bool
    attempts: int  # also the claim's token: a re-claim counts up, and the old claim no longer matches
    payload: dict


@dataclass(frozen=True)
class MeldingFacts:
    """A melding as the follow-up rules see it, read from meldingen, status_changes and relays."""

    id: int
    status: str
    urgency: str
    routed_at: datetime | None
    accepted_at: datetime | None
    closed_at: datetime | None
    last_activity_at: datetime
    last_unsolicited_at: datetime | None
    open_question_at: datetime | None
    last_change_from: str | None
    last_change_at: datetime | None
    reopened_at: datetime | None


@dataclass(frozen=True)
class OpenQuestion:
    id: int
    template_key: str | None
    body: str | None
    partner_id: str | None
    asked_in_chat: int | None


@dataclass(frozen=True)
class OpenMelding:
    id: int
    reference: str
    category: str
    status: str
    urgency: str
    created_at: datetime
    routed_at: datetime | None


@dataclass(frozen=True)
class Follower:
    chat_id: int
    locale: str


class SqlFollowUpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- the schedule ----------------------------------------------------------------------------

    async def plan(self, *, kind: str, due_at: datetime, planned_at: datetime, urgent: bool = False,
                   melding_id: int | None = None, partner_id: str | None = None) -> None:
        """Schedules `kind` for a melding (or a partner); a pending one of the same kind is replaced."""
        if (melding_id is None) == (partner_id is None):
            raise ValueError("a follow-up is for a melding or for a partner")
        owner = (models.FollowUp.melding_id == melding_id) if melding_id is not None \
            else (models.FollowUp.partner_id == partner_id)
        replaced = await self.session.execute(
            update(models.FollowUp)
            .where(owner, models.FollowUp.kind == kind, models.FollowUp.state == PENDING)
            .values(due_at=due_at, created_at=planned_at, urgent=urgent, payload={}, attempts=0, claimed_at=None)
        )
        if replaced.rowcount == 0:
            self.session.add(models.FollowUp(
                melding_id=melding_id, partner_id=partner_id, kind=kind, due_at=due_at, state=PENDING,
                attempts=0, payload={}, created_at=planned_at, urgent=urgent,
            ))
        await self.session.flush()

    async def has_pending(self, *, kind: str, partner_id: str) -> bool:
        return await self.session.scalar(select(func.count()).select_from(models.FollowUp).where(
            models.FollowUp.partner_id == partner_id, models.FollowUp.kind == kind,
            models.FollowUp.state == PENDING)) > 0

    async def claim_due(self, now: datetime, limit: int,
                        claim_timeout: timedelta = CLAIM_TIMEOUT) -> list[DueFollowUp]:
        """Claims up to `limit` due follow-ups, earliest first; stale claims of dead workers come first.

        The claiming UPDATE repeats the conditions and returns exactly the rows it changed: on
        PostgreSQL the candidates are locked and other workers skip them (FOR UPDATE SKIP LOCKED),
        never waiting for them or taking them twice; on SQLite a candidate another worker claimed
        in between no longer matches. Two queries rather than one OR keep each on the
        (state, due_at) index, so the cost of a tick does not grow with the follow-ups planned
        for later.
        """
        followup = models.FollowUp
        stale = await self._claim(followup.state == CLAIMED, followup.claimed_at <= now - claim_timeout, now=now,
                                  limit=limit)
        due = await self._claim(followup.state == PENDING, followup.due_at <= now, now=now,
                                limit=limit - len(stale)) if len(stale) < limit else []
        return sorted(stale + due, key=lambda claimed: (claimed.due_at, claimed.id))

    async def _claim(self, *conditions, now: datetime, limit: int) -> list[DueFollowUp]:
        followup = models.FollowUp
        claimed = await claim_rows(
            self.session, followup, *conditions, order_by=(followup.due_at, followup.id), limit=limit,
            values=dict(state=CLAIMED, claimed_at=now, attempts=followup.attempts + 1),
            returning=(followup.id, followup.kind, followup.melding_id, followup.partner_id, followup.due_at,
                       followup.created_at, followup.urgent, followup.attempts, followup.payload),
        )
        return [DueFollowUp(*row[:-1], dict(row[-1] or {})) for row in claimed]

    def _still_mine(self, followup: DueFollowUp):
        return update(models.FollowUp).where(
            models.FollowUp.id == followup.id, models.FollowUp.state == CLAIMED,
            models.FollowUp.attempts == followup.attempts,
        )

    async def finish(self, followup: DueFollowUp, state: str, outcome: str, now: datetime) -> bool:
        """Ends a claimed follow-up as done, skipped or failed; False when the claim is no longer ours."""
        result = await self.session.execute(
            self._still_mine(followup).values(state=state, outcome=outcome[:500], finished_at=now))
        return result.rowcount == 1

    async def defer(self, followup: DueFollowUp, until: datetime, payload: dict, now: datetime) -> bool:
        """Puts a claimed follow-up back in the schedule for `until` (quiet hours, the daily limit)."""
        newer = await self.session.scalar(select(func.count()).select_from(models.FollowUp).where(
            models.FollowUp.melding_id == followup.melding_id, models.FollowUp.partner_id == followup.partner_id,
            models.FollowUp.kind == followup.kind, models.FollowUp.state == PENDING))
        if newer:
            return await self.finish(followup, SKIPPED, "replaced by a newer plan", now)
        result = await self.session.execute(
            self._still_mine(followup).values(state=PENDING, due_at=until, payload=payload, claimed_at=None))
        return result.rowcount == 1

    async def retry_later(self, followup: DueFollowUp, until: datetime, error: str) -> bool:
        result = await self.session.execute(
            self._still_mine(followup).values(state=PENDING, due_at=until, outcome=error[:500], claimed_at=None))
        return result.rowcount == 1

    # -- what the rules and the actions need to know -----------------------------------------------

    async def facts(self, melding_id: int, *, lock: bool = False) -> MeldingFacts | None:
        """`lock` keeps two workers from both spending a melding's one message of the day."""
        melding = await self.session.get(models.Melding, melding_id, with_for_update=lock or None)
        if melding is None:
            return None
        changes = models.StatusChange
        last_change = (await self.session.execute(
            select(changes.from_status, changes.created_at).where(changes.melding_id == melding_id)
            .order_by(changes.id.desc()).limit(1))).first()
        reopened_at = await self.session.scalar(select(func.max(changes.created_at)).where(
            changes.melding_id == melding_id, changes.to_status == Status.HEROPEND.value))
        open_question_at = await self.session.scalar(select(func.max(models.Relay.created_at)).where(
            models.Relay.melding_id == melding_id, models.Relay.direction == ASKED,
            models.Relay.answered_at.is_(None)))
        return MeldingFacts(
            id=melding.id, status=melding.status, urgency=melding.urgency, routed_at=melding.routed_at,
            accepted_at=melding.accepted_at, closed_at=melding.closed_at, last_activity_at=melding.last_activity_at,
            last_unsolicited_at=melding.last_unsolicited_at, open_question_at=open_question_at,
            last_change_from=last_change[0] if last_change else None,
            last_change_at=last_change[1] if last_change else None, reopened_at=reopened_at,
        )

    async def note_unsolicited(self, melding_id: int, at: datetime) -> None:
        melding = await self.session.get(models.Melding, melding_id)
        if melding.last_unsolicited_at is None or melding.last_unsolicited_at < at:
            melding.last_unsolicited_at = at
        await self.session.flush()

    async def urgency(self, melding_id: int) -> str | None:
        return await self.session.scalar(select(models.Melding.urgency).where(models.Melding.id == melding_id))

    async def open_question(self, melding_id: int) -> OpenQuestion | None:
        row = (await self.session.execute(
            select(models.Relay, models.Professional.partner_id)
            .outerjoin(models.Professional, models.Professional.id == models.Relay.professional_id)
            .where(models.Relay.melding_id == melding_id, models.Relay.direction == ASKED,
                   models.Relay.answered_at.is_(None))
            .order_by(models.Relay.id.desc()).limit(1))).first()
        if row is None:
            return None
        relay, partner_id = row
        return OpenQuestion(relay.id, relay.template_key, relay.body, partner_id, relay.chat_id)

    async def open_meldingen_of(self, partner_id: str) -> list[OpenMelding]:
        melding = models.Melding
        rows = await self.session.execute(
            select(melding.id, melding.reference, melding.category, melding.status, melding.urgency,
                   melding.created_at, melding.routed_at)
            .join(models.Assignment, models.Assignment.melding_id == melding.id)
            .where(models.Assignment.partner_id == partner_id, models.Assignment.active.is_(True),
                   melding.status.in_([status.value for status in OPEN_STATUSES]))
            .order_by(melding.created_at, melding.id))
        return [OpenMelding(*row) for row in rows]

    async def followers_of(self, wijk_id: str, channel: str = "telegram") -> list[Follower]:
        """Residents who asked for news about the wijk and did not /stop (or /vergeet) since."""
        rows = await self.session.execute(
            select(models.Reporter.chat_id, models.Reporter.locale)
            .where(models.Reporter.updates_wijk_id == wijk_id, models.Reporter.stopped.is_(False),
                   models.Reporter.chat_id.is_not(None), models.Reporter.channel == channel)
            .order_by(models.Reporter.id))
        return [Follower(chat_id, locale) for chat_id, locale in rows]


    async def counts(self) -> dict[str, int]:
        rows = await self.session.execute(
            select(models.FollowUp.state, func.count()).group_by(models.FollowUp.state))
        return dict(rows.all())

    async def failures(self, limit: int = 50) -> list[tuple[int, str, int | None, str | None]]:
        rows = await self.session.execute(
            select(models.FollowUp.id, models.FollowUp.kind, models.FollowUp.melding_id, models.FollowUp.outcome)
            .where(models.FollowUp.state == FAILED).order_by(models.FollowUp.id.desc()).limit(limit))
        return [tuple(row) for row in rows]
