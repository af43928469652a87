"""How fast meldingen must be accepted and handled, in working time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dialogs.vocabulary import Urgency


class WorkingTimeUnit(StrEnum):
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class AcceptanceSla:
    """How long a routed melding may wait for a partner to accept it before escalation."""

    urgency: Urgency
    amount: int
    unit: WorkingTimeUnit


@dataclass(frozen=True)
class CategorySla:
    """Handling time for a category, the date the resident is told to expect news by."""

    category: str
    working_days: int


DEFAULT_ACCEPTANCE_SLAS: tuple[AcceptanceSla, ...] = (
    # PRODUCT.md names no acceptance time for acuut: the resident is sent to 112 first, and the
    # melding itself is at least as pressing as hoog.
    AcceptanceSla(Urgency.ACUUT, 4, WorkingTimeUnit.WORKING_HOURS),
    AcceptanceSla(Urgency.HOOG, 4, WorkingTimeUnit.WORKING_HOURS),
    AcceptanceSla(Urgency.NORMAAL, 2, WorkingTimeUnit.WORKING_DAYS),
    AcceptanceSla(Urgency.LAAG, 5, WorkingTimeUnit.WORKING_DAYS),
)
