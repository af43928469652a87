"""Plans follow-ups when something happens to a melding, in the same transaction as the change.

Subscribed to `Buurtlijn.event_handlers`: the dialog's domain events are translated into the
rules' event kinds, the rules decide, and the schedule keeps one pending row per melding and kind.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from bot.followup.model import EventKind, FollowUpKind, PlannedFollowUp
from bot.followup.rules import plan_on_event
from bot.followup.snapshots import snapshot_of
from dialogs.domain_events import (
    MeldingConfirmed,
    MeldingForwarded,
    QuestionAsked,
    ResidentAnsweredQuestion,
    StatusChanged,
)
from dialogs.statuses import Status
from dialogs.workdays import WorkingCalendar
from storage.unit_of_work import UnitOfWork

_AWAITING_ACCEPTANCE = frozenset({Status.DOORGEZET.value, Status.HEROPEND.value})
# The dialog's own notice is the status push: it carries the partner's words (see `notice_timing`).
_SENT_BY_THE_DIALOG = frozenset({FollowUpKind.STATUS_PUSH})


def event_kinds(event: object) -> Iterator[tuple[int, EventKind]]:
    match event:
        case MeldingConfirmed(melding_id=melding_id) | MeldingForwarded(melding_id=melding_id):
            yield melding_id, EventKind.ROUTED
        case QuestionAsked(melding_id=melding_id):
            yield melding_id, EventKind.QUESTION_ASKED
        case ResidentAnsweredQuestion(melding_id=melding_id):
            yield melding_id, EventKind.RESIDENT_ANSWERED
        case StatusChanged(melding_id=melding_id, old=old, new=new):
            yield melding_id, EventKind.STATUS_CHANGED
            if new == Status.HEROPEND:
                yield melding_id, EventKind.REOPENED
            elif new == Status.IN_BEHANDELING and old in _AWAITING_ACCEPTANCE:
                yield melding_id, EventKind.ACCEPTED


class FollowUpPlanner:
    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar

    async def __call__(self, uow: UnitOfWork, events: list[object], now: datetime) -> None:
        happened: dict[int, list[EventKind]] = {}
        for event in events:
            for melding_id, kind in event_kinds(event):
                kinds = happened.setdefault(melding_id, [])
                if kind not in kinds:
                    kinds.append(kind)
        for melding_id, kinds in happened.items():
            for plan in await self._plans(uow, melding_id, kinds, now):
                await uow.followups.plan(melding_id=melding_id, kind=plan.kind, due_at=plan.due_at_utc,
                                         urgent=plan.urgent, planned_at=now)

    async def _plans(self, uow: UnitOfWork, melding_id: int, kinds: list[EventKind],
                     now: datetime) -> list[PlannedFollowUp]:
        facts = await uow.followups.facts(melding_id)
        if facts is None:
            return []
        # One snapshot after all of this update's changes: a forward is two changes and a routing.
        snapshot = snapshot_of(facts)
        plans: dict[FollowUpKind, PlannedFollowUp] = {}
        for kind in kinds:
            plans.update((plan.kind, plan) for plan in plan_on_event(kind, snapshot, self.calendar, now))
        return [plan for kind, plan in plans.items() if kind not in _SENT_BY_THE_DIALOG]
