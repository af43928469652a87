"""The fixed vocabulary every layer shares: languages, categories, urgencies, privacy modes.

Slugs are stored in the database and in the gemeente configuration, so they never change
meaning; the words a person sees for them live in the catalogs (see `category_label_key`).
"""
from __future__ import annotations

from enum import StrEnum

LANGUAGES: tuple[str, ...] = ("nl", "ar", "tr", "en")
DEFAULT_LANGUAGE = "nl"
RTL_LANGUAGES = frozenset({"ar"})

CATEGORIES: tuple[str, ...] = (
    "jongerenoverlast",
    "drugs",
    "verward_gedrag",
    "burenoverlast",
    "openbare_ruimte",
    "vandalisme",
    "discriminatie",
    "spanningen",
    "bedreiging_geweld",
    "huiselijk_geweld",
    "zorg_om_buurtbewoner",
    "woning",
    "verkeer",
    "idee_initiatief",
    "overig",
)
FALLBACK_CATEGORY = "overig"

# Default handling time per category in working days (PRODUCT.md); a gemeente may override.
DEFAULT_SLA_WORKING_DAYS: dict[str, int] = {
    "jongerenoverlast": 3,
    "drugs": 3,
    "verward_gedrag": 1,
    "burenoverlast": 5,
    "openbare_ruimte": 5,
    "vandalisme": 5,
    "discriminatie": 3,
    "spanningen": 2,
    "bedreiging_geweld": 1,
    "huiselijk_geweld": 1,
    "zorg_om_buurtbewoner": 3,
    "woning": 5,
    "verkeer": 5,
    "idee_initiatief": 10,
    "overig": 5,
}

# Categories whose signals also carry a polarisation phase (KIS handreiking, seed 002).
POLARISATION_CATEGORIES = frozenset({"spanningen", "discriminatie"})


class Urgency(StrEnum):
    ACUUT = "acuut"
    HOOG = "hoog"
    NORMAAL = "normaal"
    LAAG = "laag"


class AcuteKind(StrEnum):
    """Which emergency number the first reply must give."""

    DANGER = "danger"  # 112
    SUICIDE = "suicide"  # 113 (and 112 when life is at risk now)


class PrivacyMode(StrEnum):
    WITH_CONTACT = "contact"
    ANONYMOUS = "anonymous"
    ADVICE_ONLY = "advice"


class Frequency(StrEnum):
    NOW = "now"
    TODAY = "today"
    RECURRING = "recurring"


def category_label_key(slug: str) -> str:
    return f"category.{slug}"
