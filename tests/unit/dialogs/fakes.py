"""Fakes for the dialog core's ports, so intake steps are tested without a database or a model."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dialogs.context import DialogServices
from dialogs.ports import Place, RoutingOutcome
from dialogs.vocabulary import AcuteKind, Urgency
from storage.memory import (
    InMemoryMeldingRepository,
    InMemoryProfessionalRepository,
    InMemoryResidentRepository,
    InMemoryStore,
)


@dataclass(frozen=True)
class FakeCandidate:
    category: str
    score: float


@dataclass(frozen=True)
class FakeTriage:
    language: str
    language_confident: bool
    category: str
    candidates: tuple[FakeCandidate, ...]
    urgency: Urgency
    acute_kind: AcuteKind | None


class KeywordClassifier:
    """Just enough understanding to drive the dialog: a word decides category, language and danger."""

    WORDS = {"hangjongeren": "jongerenoverlast", "dealen": "drugs", "afval": "openbare_ruimte", "buren": "burenoverlast"}
    LANGUAGE_HINTS = {"ar": "مرحبا", "tr": "gençler", "en": "the"}

    def classify(self, text: str) -> FakeTriage:
        lowered = text.lower()
        first = [c for word, c in self.WORDS.items() if word in lowered] or ["overig"]
        ranked = first + [c for c in ("vandalisme", "overig", "spanningen") if c not in first]
        language = next((code for code, hint in self.LANGUAGE_HINTS.items() if hint in lowered), "nl")
        urgency, kind = Urgency.NORMAAL, None
        if "mes" in lowered.split() or "knife" in lowered:
            urgency, kind = Urgency.ACUUT, AcuteKind.DANGER
        if "zelfmoord" in lowered:
            urgency, kind = Urgency.ACUUT, AcuteKind.SUICIDE
        return FakeTriage(language, len(lowered) > 10, ranked[0],
                          tuple(FakeCandidate(c, 1.0 / (i + 1)) for i, c in enumerate(ranked)), urgency, kind)


class FakeArea:
    name = "Huizen"

    def __init__(self) -> None:
        self.routed: list[dict] = []

    def locate_point(self, latitude: float, longitude: float) -> Place | None:
        if 52.28 < latitude < 52.31 and 5.2 < longitude < 5.27:
            return Place("oost", "Oostermeent", "oost-noord", "Oostermeent-Noord", None)
        return None

    def locate_text(self, text: str) -> Place | None:
        if "kerkstraat" in text.lower():
            return Place("centrum", "Centrum", "oude-dorp", "Oude Dorp", "Kerkstraat")
        return None

    def help_numbers(self) -> dict[str, str]:
        return {"police": "0900-8844", "veilig_thuis": "0800-2000", "suicide": "113 / 0800-0113",
                "mma": "0800-7000", "discrimination": "discriminatie.nl", "mediation": "problemenmetjeburen.nl",
                "gemeente_phone": "14 035"}

    def expected_answer_date(self, category: str, confirmed_at: datetime) -> date:
        return (confirmed_at + timedelta(days=3)).date()

    def partner_name(self, partner_id: str) -> str:
        return f"Partner {partner_id}"

    def partner_chat(self, partner_id: str) -> int | None:
        return {"jongerenwerk": -100, "handhaving": -200, "gemeente": -300, "wijkagent": -400}.get(partner_id)

    def partner_ids(self) -> list[str]:
        return ["jongerenwerk", "handhaving", "gemeente", "wijkagent"]

    def area_names(self, wijk_id, buurt_id):
        return ({"centrum": "Centrum"}.get(wijk_id), {"oude-dorp": "Oude Dorp"}.get(buurt_id))

    def route(self, *, category, urgency, wijk_id, buurt_id, at) -> RoutingOutcome:
        self.routed.append(dict(category=category, urgency=urgency, wijk_id=wijk_id))
        return RoutingOutcome(("jongerenwerk", "handhaving") if category == "jongerenoverlast" else ("gemeente",), "test-rule")


def fake_services() -> DialogServices:
    area, store = FakeArea(), InMemoryStore()
    return DialogServices(
        store=InMemoryResidentRepository(store), area=area, router=area, classifier=KeywordClassifier(),
        meldingen=InMemoryMeldingRepository(store), professionals=InMemoryProfessionalRepository(store),
    )
