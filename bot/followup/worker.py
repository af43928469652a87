"""Works through due follow-ups: check again, compose, deliver at an allowed moment, plan what follows.

Each follow-up is worked on in its own unit of work, so the messages it writes to the outbox, its
own end (done, skipped or deferred) and the next follow-up it plans commit together or not at all:
a crash loses nothing and repeats nothing. A resident's message that may not go out yet (quiet
hours, already a message about this melding today) keeps its row in the schedule, deferred, so
when it does go out it is composed from the melding as it is then, and checked again first.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from bot.batches import until_idle
from bot.followup.actions import ACTIONS, Composed, FollowUpContext
from bot.followup.digest import WEEKLY_DIGEST, digest_notice, next_digest_at
from bot.followup.model import FollowUpKind, MeldingSnapshot, PlannedFollowUp
from bot.followup.quiet_hours import ResidentDelivery
from bot.followup.rules import is_still_due, plan_next
from bot.followup.snapshots import snapshot_of
from dialogs.records import MeldingView
from dialogs.replies import Notice
from storage.followup_repository import CLAIM_TIMEOUT, DONE, FAILED, SKIPPED, DueFollowUp
from storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from bot.app import Buurtlijn

log = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 5
_ACTIONS = {kind.value: action for kind, action in ACTIONS.items()}
_ABOUT_A_QUESTION = frozenset({FollowUpKind.QUESTION_REMINDER.value, FollowUpKind.PARTNER_DIGEST.value})


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class FollowUpWorker:
    def __init__(self, app: Buurtlijn, *, clock: Callable[[], datetime] = utc_now, batch_size: int = BATCH_SIZE,
                 claim_timeout: timedelta = CLAIM_TIMEOUT) -> None:
        self.app = app
        self.area = app.area
        self.calendar = app.area.calendar
        gemeente = app.area.gemeente
        self.delivery = ResidentDelivery.of(gemeente)
        self.coordinator_chat = app.area.partner_chat(gemeente.coordinator_partner_id)
        self.clock, self.batch_size, self.claim_timeout = clock, batch_size, claim_timeout

    async def tick(self) -> int:
        """Claims one batch of due follow-ups and works on each; returns how many were claimed."""
        now = self.clock()
        async with UnitOfWork(self.app.session_factory) as uow:
            batch = await uow.followups.claim_due(now, self.batch_size, self.claim_timeout)
            await uow.commit()
        for followup in batch:
            await self._work_on(followup, now)
        return len(batch)

    async def run_until_idle(self, max_rounds: int = 10_000) -> int:
        return await until_idle(self.tick, max_rounds)

    async def plan_weekly_digests(self) -> None:
        """Every partner with a chat has its next digest in the schedule (run at start)."""
        now = self.clock()
        async with UnitOfWork(self.app.session_factory) as uow:
            for partner_id in self.area.partner_ids():
                if self.area.partner_chat(partner_id) is None:
                    continue
                if not await uow.followups.has_pending(kind=WEEKLY_DIGEST, partner_id=partner_id):
                    await uow.followups.plan(partner_id=partner_id, kind=WEEKLY_DIGEST,
                                             due_at=next_digest_at(self.calendar, now), planned_at=now)
            await uow.commit()

    async def _work_on(self, followup: DueFollowUp, now: datetime) -> None:
        try:
            async with UnitOfWork(self.app.session_factory) as uow:
                if followup.attempts > MAX_ATTEMPTS:
                    # Claimed again and again by workers that died on it: stop, visibly.
                    finished = await uow.followups.finish(followup, FAILED, "gave up: the worker kept stopping", now)
                elif followup.kind == WEEKLY_DIGEST:
                    finished = await self._weekly_digest(uow, followup, now)
                else:
                    finished = await self._melding_followup(uow, followup, now)
                if finished:
                    await uow.commit()
                else:
                    log.info("follow-up %s was taken over by another worker", followup.id)
        except Exception as error:  # one broken follow-up must not stop the others
            log.exception("follow-up %s (%s) failed", followup.id, followup.kind)
            await self._record_error(followup, error, now)

    async def _record_error(self, followup: DueFollowUp, error: Exception, now: datetime) -> None:
        async with UnitOfWork(self.app.session_factory) as uow:
            if followup.attempts >= MAX_ATTEMPTS:
                await uow.followups.finish(followup, FAILED, f"gave up after {followup.attempts} attempts: {error!r}",
                                           now)
            else:
                retry_at = now + timedelta(minutes=5 * 2 ** (followup.attempts - 1))
                await uow.followups.retry_later(followup, retry_at, repr(error))
            await uow.commit()

    async def _melding_followup(self, uow: UnitOfWork, followup: DueFollowUp, now: datetime) -> bool:
        facts = await uow.followups.facts(followup.melding_id, lock=True)
        action = _ACTIONS.get(followup.kind)
        if facts is None or action is None:
            return await uow.followups.finish(followup, SKIPPED, "melding gone or kind retired", now)
        snapshot = snapshot_of(facts)
        if not is_still_due(followup.kind, snapshot, followup.planned_at, now):
            return await self._end(uow, followup, snapshot, SKIPPED, "lapsed", now, sent=False)
        melding = await uow.meldingen.get(followup.melding_id)
        question = await uow.followups.open_question(melding.id) if followup.kind in _ABOUT_A_QUESTION else None
        composed = action(FollowUpContext(melding, self.area, self.coordinator_chat, question))
        partners_told = followup.payload.get("partners_told", False)
        if not partners_told:
            for notice in composed.partners:
                await self.app.enqueue(uow, notice, now)
        deliver_at = self._resident_moment(composed, followup, facts.last_unsolicited_at, melding, now)
        if deliver_at is not None and deliver_at > now:
            return await uow.followups.defer(followup, deliver_at, {"partners_told": True}, now)
        sent = deliver_at is not None
        if sent:
            notice = Notice(melding.reporter_chat_id, melding.reporter_locale, composed.resident, followup.kind,
                            melding.id)
            await self.app.enqueue(uow, notice, now)
            await uow.followups.note_unsolicited(melding.id, now)
        told_partners = partners_told or bool(composed.partners)
        outcome = "sent" if sent else ("stopped" if composed.resident else "nothing for the resident")
        if told_partners:
            outcome += ", partners told"
        state = DONE if sent or told_partners else SKIPPED
        return await self._end(uow, followup, snapshot, state, outcome, now, sent=sent)

    def _resident_moment(self, composed: Composed, followup: DueFollowUp, last_unsolicited: datetime | None,
                         melding: MeldingView, now: datetime) -> datetime | None:
        """When the resident's part may go out; None when there is none or the resident cannot be reached."""
        if composed.resident is None:
            return None
        unreachable = melding.reporter_chat_id is None or melding.reporter_stopped
        return self.delivery.moment(now, urgent=followup.urgent, last_unsolicited=last_unsolicited,
                                    stopped=unreachable)

    async def _end(self, uow: UnitOfWork, followup: DueFollowUp, snapshot: MeldingSnapshot, state: str,
                   outcome: str, now: datetime, *, sent: bool) -> bool:
        if not await uow.followups.finish(followup, state, outcome, now):
            return False
        await self._plan(uow, followup.melding_id, plan_next(followup.kind, snapshot, self.calendar,
                                                             followup.planned_at, now, sent=sent), now)
        return True

    @staticmethod
    async def _plan(uow: UnitOfWork, melding_id: int, plans: list[PlannedFollowUp], now: datetime) -> None:
        for plan in plans:
            await uow.followups.plan(melding_id=melding_id, kind=plan.kind, due_at=plan.due_at_utc,
                                     urgent=plan.urgent, planned_at=now)

    async def _weekly_digest(self, uow: UnitOfWork, followup: DueFollowUp, now: datetime) -> bool:
        partner_id = followup.partner_id
        chat_id = self.area.partner_chat(partner_id) if partner_id in self.area.partner_ids() else None
        if chat_id is None:
            return await uow.followups.finish(followup, SKIPPED, "partner has no chat", now)
        meldingen = await uow.followups.open_meldingen_of(partner_id)
        await self.app.enqueue(uow, digest_notice(chat_id, self.area.partner_name(partner_id), meldingen,
                                                  self.calendar, now), now)
        if not await uow.followups.finish(followup, DONE, f"sent: {len(meldingen)} open", now):
            return False
        await uow.followups.plan(partner_id=partner_id, kind=WEEKLY_DIGEST, due_at=next_digest_at(self.calendar, now),
                                 planned_at=now)
        return True
