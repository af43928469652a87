"""The status machine of a melding: which changes are allowed, and why.

The whitelist below is the only place a transition is decided; `check_transition` is the only
place it is enforced. Every edge carries the reason it exists, so adding one means writing down
the situation that needs it. Tests are generated from `ALLOWED_TRANSITIONS`.
"""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    NIEUW = "nieuw"
    DOORGEZET = "doorgezet"  # routed to one or more partners, not yet accepted
    IN_BEHANDELING = "in_behandeling"
    VRAAG_AAN_MELDER = "vraag_aan_melder"
    AFGEHANDELD = "afgehandeld"
    NIET_OPLOSBAAR = "niet_oplosbaar"
    DOORVERWEZEN = "doorverwezen"
    HEROPEND = "heropend"


ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NIEUW: frozenset({
        # Routing assigned partners; the fallback partner guarantees there always is one.
        Status.DOORGEZET,
        # Advice-only meldingen are never forwarded: closed at once, the advice is the message.
        Status.AFGEHANDELD,
    }),
    Status.DOORGEZET: frozenset({
        # A partner accepted the melding.
        Status.IN_BEHANDELING,
        # The partner sees it belongs elsewhere and forwards it before accepting.
        Status.DOORVERWEZEN,
        # A partner (or the coordinator after an escalation) closes straight from the card:
        # it was already fixed, or nobody can act on it. Forcing an "accept" first would only
        # send the resident a status message that is outdated a minute later.
        Status.AFGEHANDELD,
        Status.NIET_OPLOSBAAR,
    }),
    # Asking the resident a question is not possible from DOORGEZET on purpose: a partner who
    # asks has taken the melding on, so the professional dialog accepts first.
    Status.IN_BEHANDELING: frozenset({
        # The partner needs something from the resident (only with contact, or relayed).
        Status.VRAAG_AAN_MELDER,
        # Done; the closing message says what was done.
        Status.AFGEHANDELD,
        # Nothing can be done; the explanation says why (honest feedback, no golden mountains).
        Status.NIET_OPLOSBAAR,
        # Another partner is better placed; the message tells the resident where it went.
        Status.DOORVERWEZEN,
    }),
    Status.VRAAG_AAN_MELDER: frozenset({
        # The resident answered, or the partner carries on without the answer after the
        # reminder went unanswered.
        Status.IN_BEHANDELING,
        # The partner closes without waiting for the answer: solved meanwhile, or it cannot
        # go on without the information.
        Status.AFGEHANDELD,
        Status.NIET_OPLOSBAAR,
    }),
    Status.AFGEHANDELD: frozenset({
        # The resident answered "partly" or "no" to the solved check, or a professional
        # reopened it.
        Status.HEROPEND,
    }),
    Status.NIET_OPLOSBAAR: frozenset({
        # New information makes it solvable after all; a professional reopens it.
        Status.HEROPEND,
    }),
    Status.DOORVERWEZEN: frozenset({
        # Routing assigned the new partner, who has to accept it like any routed melding.
        Status.DOORGEZET,
    }),
    Status.HEROPEND: frozenset({
        # The partner that had it picks it up again.
        Status.IN_BEHANDELING,
        # It goes back to the partner(s) to accept, or is routed anew.
        Status.DOORGEZET,
        # The partner looks at the reopening and closes again with a new message, e.g. to
        # explain why "partly" is as far as anyone can go.
        Status.AFGEHANDELD,
        Status.NIET_OPLOSBAAR,
    }),
}

# The message goes to the resident: the closing message, the explanation, or where it went.
REQUIRES_MESSAGE = frozenset({Status.AFGEHANDELD, Status.NIET_OPLOSBAAR, Status.DOORVERWEZEN})

CLOSED_STATUSES = frozenset({Status.AFGEHANDELD, Status.NIET_OPLOSBAAR})
OPEN_STATUSES = frozenset(Status) - CLOSED_STATUSES


class TransitionError(ValueError):
    def __init__(self, current: str, new: str, reason: str) -> None:
        super().__init__(f"{current} → {new}: {reason}")
        self.current = current
        self.new = new
        self.reason = reason


def check_transition(current: Status, new: Status, message: str | None) -> None:
    """Raise TransitionError unless `current` may become `new` with this `message`."""
    try:
        current, new = Status(current), Status(new)
    except ValueError as unknown:
        raise TransitionError(current, new, "unknown status") from unknown
    if new not in ALLOWED_TRANSITIONS[current]:
        raise TransitionError(current, new, "transition not allowed")
    if new in REQUIRES_MESSAGE and not (message and message.strip()):
        raise TransitionError(current, new, "a message to the resident is required")


class PublicStatus(StrEnum):
    """What a resident sees; internal steps that mean nothing to them collapse into one."""

    ONTVANGEN = "ontvangen"
    IN_BEHANDELING = "in_behandeling"
    VRAAG_AAN_U = "vraag_aan_u"
    AFGEHANDELD = "afgehandeld"
    HEROPEND = "heropend"


_PUBLIC_STATUS: dict[Status, PublicStatus] = {
    Status.NIEUW: PublicStatus.ONTVANGEN,
    Status.DOORGEZET: PublicStatus.ONTVANGEN,
    # Forwarding is told in its own message; afterwards it waits for a partner again.
    Status.DOORVERWEZEN: PublicStatus.ONTVANGEN,
    Status.IN_BEHANDELING: PublicStatus.IN_BEHANDELING,
    Status.VRAAG_AAN_MELDER: PublicStatus.VRAAG_AAN_U,
    Status.AFGEHANDELD: PublicStatus.AFGEHANDELD,
    # The explanation tells the resident what could not be done; the melding is closed.
    Status.NIET_OPLOSBAAR: PublicStatus.AFGEHANDELD,
    Status.HEROPEND: PublicStatus.HEROPEND,
}


def public_status(status: Status) -> PublicStatus:
    return _PUBLIC_STATUS[Status(status)]
