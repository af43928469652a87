"""Which follow-ups a melding gets, and whether each is still worth sending when it is due.

Two halves, as in Signalen: `plan_on_event` decides what to schedule when something happens,
and the predicates behind `is_still_due` are asked again at send time, because a lot can
change in a week. Both are pure; call `plan_on_event` in the same unit of work as the change
and store `now` as the follow-up's `planned_at`.

Storage keeps one pending follow-up per (melding, kind): planning a kind again replaces the
pending one. The predicates also compare `planned_at` with the snapshot, so a follow-up from an
earlier round (before a re-routing, a reopening, a newer question) lapses even without that.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.followup.model import EventKind, FollowUpKind, MeldingSnapshot, PlannedFollowUp
from dialogs.statuses import OPEN_STATUSES, Status, public_status
from dialogs.vocabulary import Urgency
from dialogs.workdays import WorkingCalendar, require_aware

# Acceptance SLAs from PRODUCT.md. Acuut gets 1 working hour rather than clock time:
# Buurtlijn is not an emergency service (the resident was sent to 112 first) and partners and
# the coordinator work office hours, so a night-time escalation would reach nobody; one working
# hour means the coordinator knows within the first hour of the next working day.
ACCEPTANCE_WORKING_HOURS: dict[Urgency, float] = {Urgency.ACUUT: 1, Urgency.HOOG: 4}
ACCEPTANCE_WORKING_DAYS: dict[Urgency, int] = {Urgency.NORMAAL: 2, Urgency.LAAG: 5}

INTERIM_AFTER_SILENCE = timedelta(days=7)
SOLVED_CHECK_AFTER = timedelta(days=3)
STILL_GOING_CHECK_AFTER = timedelta(weeks=4)
QUESTION_REMINDER_AFTER = timedelta(days=5)
# "Reminder once, then the partner is told": the resident gets two more days after the reminder.
PARTNER_TOLD_AFTER_REMINDER = timedelta(days=2)

# Only news that could put the resident at risk may break quiet hours and the daily limit.
_URGENT_KINDS = frozenset({FollowUpKind.STATUS_PUSH, FollowUpKind.ACCEPTANCE_ESCALATION})

_AWAITING_ACCEPTANCE = frozenset({Status.DOORGEZET, Status.HEROPEND})


def acceptance_deadline(urgency: str, calendar: WorkingCalendar, routed_at: datetime) -> datetime:
    urgency = Urgency(urgency)
    if urgency in ACCEPTANCE_WORKING_HOURS:
        return calendar.add_working_hours(routed_at, ACCEPTANCE_WORKING_HOURS[urgency])
    return calendar.deadline_after_working_days(routed_at, ACCEPTANCE_WORKING_DAYS[urgency])


Plans = list[PlannedFollowUp]
Planner = Callable[[MeldingSnapshot, WorkingCalendar, datetime], Plans]
# (melding, planned_at, now) -> should it still go out?
Predicate = Callable[[MeldingSnapshot, datetime, datetime], bool]


def _planned(kind: FollowUpKind, due: datetime, melding: MeldingSnapshot) -> PlannedFollowUp:
    urgent = kind in _URGENT_KINDS and melding.urgency == Urgency.ACUUT
    return PlannedFollowUp(kind=kind, due_at_utc=due.astimezone(UTC), urgent=urgent)


def _acceptance_round(melding: MeldingSnapshot, calendar: WorkingCalendar, now: datetime) -> Plans:
    """A partner has to take it on in time, and the resident hears if nothing happens."""
    deadline = acceptance_deadline(melding.urgency, calendar, now)
    return [
        _planned(FollowUpKind.ACCEPTANCE_ESCALATION, deadline, melding),
        _planned(FollowUpKind.INTERIM_UPDATE, now + INTERIM_AFTER_SILENCE, melding),
    ]


def _on_routed(melding: MeldingSnapshot, calendar: WorkingCalendar, now: datetime) -> Plans:
    return [
        *_acceptance_round(melding, calendar, now),
        _planned(FollowUpKind.STILL_GOING_CHECK, now + STILL_GOING_CHECK_AFTER, melding),
    ]


def _on_status_changed(melding: MeldingSnapshot, calendar: WorkingCalendar, now: datetime) -> Plans:
    # A melding that never went to a partner (advice only) lives entirely in the conversation
    # where the resident already reads every change; asking whether it is solved would make
    # no sense either, as nobody did anything.
    if melding.routed_at is None:
        return []
    plans = []
    previous = melding.previous_status
    told_before = public_status(previous) if previous is not None else None
    if told_before != public_status(melding.status):
        plans.append(_planned(FollowUpKind.STATUS_PUSH, now, melding))
    if melding.status == Status.AFGEHANDELD:
        plans.append(_planned(FollowUpKind.SOLVED_CHECK, now + SOLVED_CHECK_AFTER, melding))
    return plans


def _on_question_asked(melding: MeldingSnapshot, calendar: WorkingCalendar, now: datetime) -> Plans:
    return [_planned(FollowUpKind.QUESTION_REMINDER, now + QUESTION_REMINDER_AFTER, melding)]


def _nothing_new(melding: MeldingSnapshot, calendar: WorkingCalendar, now: datetime) -> Plans:
    """Acceptance and answers plan nothing.

    The pending escalation or reminder lapses by its predicate, and the status change that goes
    with them brings its own push.
    """
    return []


def _on_reopened(melding: MeldingSnapshot, calendar: WorkingCalendar, now: datetime) -> Plans:
    return _acceptance_round(melding, calendar, now)


_PLANNERS: dict[EventKind, Planner] = {
    EventKind.ROUTED: _on_routed,
    EventKind.STATUS_CHANGED: _on_status_changed,
    EventKind.QUESTION_ASKED: _on_question_asked,
    EventKind.ACCEPTED: _nothing_new,
    EventKind.RESIDENT_ANSWERED: _nothing_new,
    EventKind.REOPENED: _on_reopened,
}


def plan_on_event(
    event_kind: str, snapshot: MeldingSnapshot, calendar: WorkingCalendar, now: datetime
) -> Plans:
    """The follow-ups to schedule because `event_kind` just happened to `snapshot`."""
    require_aware(now)
    return _PLANNERS[EventKind(event_kind)](snapshot, calendar, now)


def _in_current_round(melding: MeldingSnapshot, planned_at: datetime) -> bool:
    started = melding.chain_started_at
    return started is None or started <= planned_at


def _has_untold_status(melding: MeldingSnapshot, planned_at: datetime, now: datetime) -> bool:
    # One push tells the current status; later pushes for the same change would repeat it.
    # Without both moments known, telling twice beats not telling at all.
    changed, last_push = melding.status_changed_at, melding.last_status_push_at
    return changed is None or last_push is None or last_push < changed


def _still_not_accepted(melding: MeldingSnapshot, planned_at: datetime, now: datetime) -> bool:
    accepted_since = melding.accepted_at is not None and melding.accepted_at >= planned_at
    return (
        melding.status in _AWAITING_ACCEPTANCE
        and not accepted_since
        and _in_current_round(melding, planned_at)
    )


def _silent_for_a_week(melding: MeldingSnapshot, planned_at: datetime, now: datetime) -> bool:
    return (
        melding.status in OPEN_STATUSES
        and _in_current_round(melding, planned_at)
        and melding.last_activity_at <= now - INTERIM_AFTER_SILENCE
    )


def _still_closed_as_solved(melding: MeldingSnapshot, planned_at: datetime, now: datetime) -> bool:
    # A melding closed again after a reopening gets its own, later check.
    closed_again = melding.closed_at is not None and melding.closed_at > planned_at
    return melding.status == Status.AFGEHANDELD and not closed_again


def _still_open_since_routing(
    melding: MeldingSnapshot, planned_at: datetime, now: datetime
) -> bool:
    routed_again = melding.routed_at is not None and melding.routed_at > planned_at
    return melding.status in OPEN_STATUSES and not routed_again


def _question_unanswered(melding: MeldingSnapshot, planned_at: datetime, now: datetime) -> bool:
    # A newer question brings its own reminder; this one was about the old question.
    return (
        melding.status == Status.VRAAG_AAN_MELDER
        and melding.open_question_at is not None
        and melding.open_question_at <= planned_at
    )


_STILL_DUE: dict[FollowUpKind, Predicate] = {
    FollowUpKind.STATUS_PUSH: _has_untold_status,
    FollowUpKind.ACCEPTANCE_ESCALATION: _still_not_accepted,
    FollowUpKind.INTERIM_UPDATE: _silent_for_a_week,
    FollowUpKind.SOLVED_CHECK: _still_closed_as_solved,
    FollowUpKind.STILL_GOING_CHECK: _still_open_since_routing,
    FollowUpKind.QUESTION_REMINDER: _question_unanswered,
    FollowUpKind.PARTNER_DIGEST: _question_unanswered,
}


def is_still_due(
    kind: str, snapshot: MeldingSnapshot, planned_at: datetime, now: datetime
) -> bool:
    """Whether a follow-up planned at `planned_at` should still go out at `now`."""
    require_aware(planned_at)
    require_aware(now)
    return _STILL_DUE[FollowUpKind(kind)](snapshot, planned_at, now)


def plan_next(
    kind: str,
    snapshot: MeldingSnapshot,
    calendar: WorkingCalendar,
    planned_at: datetime,
    now: datetime,
    *,
    sent: bool,
) -> Plans:
    """What follows once a follow-up's turn has come, whether it was sent or skipped.

    Interim updates form a chain for as long as the melding is open: the next one comes a week
    after the last news (this update, if it went out). An unanswered reminder is followed by
    telling the partner, also when /stop kept the reminder itself from the resident.
    """
    require_aware(now)
    kind = FollowUpKind(kind)
    if kind == FollowUpKind.INTERIM_UPDATE:
        if snapshot.status not in OPEN_STATUSES or not _in_current_round(snapshot, planned_at):
            return []
        next_due = snapshot.last_activity_at + INTERIM_AFTER_SILENCE
        if sent or next_due <= now:
            next_due = now + INTERIM_AFTER_SILENCE
        return [_planned(kind, next_due, snapshot)]
    if kind == FollowUpKind.QUESTION_REMINDER and _question_unanswered(snapshot, planned_at, now):
        due = calendar.next_working_moment(now + PARTNER_TOLD_AFTER_REMINDER)
        return [_planned(FollowUpKind.PARTNER_DIGEST, due, snapshot)]
    return []
