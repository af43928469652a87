"""From stored facts to the snapshot the pure rules reason about."""
from __future__ import annotations

from bot.followup.model import MeldingSnapshot
from dialogs.statuses import Status
from storage.followup_repository import MeldingFacts


def snapshot_of(facts: MeldingFacts) -> MeldingSnapshot:
    """The resident "last heard something" at the latest status change or the latest unsolicited
    message, whichever came last: an escalation notice or a check is news too.
    """
    heard = facts.last_activity_at
    if facts.last_unsolicited_at is not None:
        heard = max(heard, facts.last_unsolicited_at)
    return MeldingSnapshot(
        id=facts.id,
        status=Status(facts.status),
        urgency=facts.urgency,
        routed_at=facts.routed_at,
        accepted_at=facts.accepted_at,
        closed_at=facts.closed_at,
        last_activity_at=heard,
        open_question_at=facts.open_question_at,
        previous_status=Status(facts.last_change_from) if facts.last_change_from else None,
        status_changed_at=facts.last_change_at,
        reopened_at=facts.reopened_at,
    )
