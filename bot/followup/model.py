"""The plain data the follow-up rules work on: kinds, a melding snapshot, a planned follow-up."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from dialogs.statuses import Status
from dialogs.vocabulary import Urgency
from dialogs.workdays import require_aware


class FollowUpKind(StrEnum):
    STATUS_PUSH = "status_push"  # resident: the public status changed
    ACCEPTANCE_ESCALATION = "acceptance_escalation"  # coordinator, and the resident honestly
    INTERIM_UPDATE = "interim_update"  # resident: still with whom, what happened last
    SOLVED_CHECK = "solved_check"  # resident: is it solved? yes / partly / no
    STILL_GOING_CHECK = "still_going_check"  # resident: is it still going on?
    QUESTION_REMINDER = "question_reminder"  # resident: the partner's question is open
    PARTNER_DIGEST = "partner_digest"  # partner: the resident did not answer, even reminded


# Kinds whose message (or part of it) reaches the resident unasked, so quiet hours, the daily
# limit and /stop apply (see `delivery.deliverable_at`).
RESIDENT_FACING_KINDS = frozenset(FollowUpKind) - {FollowUpKind.PARTNER_DIGEST}


class EventKind(StrEnum):
    ROUTED = "routed"
    STATUS_CHANGED = "status_changed"
    QUESTION_ASKED = "question_asked"
    ACCEPTED = "accepted"
    RESIDENT_ANSWERED = "resident_answered"
    REOPENED = "reopened"


@dataclass(frozen=True)
class MeldingSnapshot:
    """What the rules need to know about one melding, read in the same unit of work.

    `routed_at` is the latest routing (a forwarded melding is routed again), `closed_at` the
    latest close, `open_question_at` the moment the still-unanswered question was asked (None
    once answered) and `last_activity_at` the last time the resident heard something about it.
    """

    id: int
    status: Status
    urgency: str
    routed_at: datetime | None
    accepted_at: datetime | None
    closed_at: datetime | None
    last_activity_at: datetime
    open_question_at: datetime | None
    previous_status: Status | None = None
    status_changed_at: datetime | None = None
    last_status_push_at: datetime | None = None
    reopened_at: datetime | None = None

    def __post_init__(self) -> None:
        Status(self.status)
        Urgency(self.urgency)
        if self.previous_status is not None:
            Status(self.previous_status)
        for attribute in fields(self):
            value = getattr(self, attribute.name)
            if isinstance(value, datetime):
                require_aware(value)

    @property
    def chain_started_at(self) -> datetime | None:
        """When the melding last went (back) to a partner: routing or reopening.

        Follow-ups planned before this moment belong to an earlier round and have lapsed.
        """
        starts = [moment for moment in (self.routed_at, self.reopened_at) if moment]
        return max(starts, default=None)


@dataclass(frozen=True)
class PlannedFollowUp:
    kind: FollowUpKind
    due_at_utc: datetime
    urgent: bool = False
