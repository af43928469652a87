"""The organisations and people a melding can be routed to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PartnerType(StrEnum):
    GEMEENTE = "gemeente"
    GEBIEDSREGISSEUR = "gebiedsregisseur"
    HANDHAVING = "handhaving"
    WIJKAGENT = "wijkagent"
    JONGERENWERK = "jongerenwerk"
    WONINGCORPORATIE = "woningcorporatie"
    BUURTVERBINDER = "buurtverbinder"
    BUURTBEMIDDELING = "buurtbemiddeling"
    WIJKTEAM = "wijkteam"
    ZORG = "zorg"
    VEILIG_THUIS = "veilig_thuis"
    ANTIDISCRIMINATIE = "antidiscriminatie"
    PARTICIPATIECOACH = "participatiecoach"


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    type: PartnerType
    # Negative for Telegram groups, positive for a person's private chat.
    telegram_chat_id: int
    email: str | None = None
