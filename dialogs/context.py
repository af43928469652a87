"""Everything one dialog turn works with: the services, the resident, their state and the outcome."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dialogs.ports import Area, Classifier, DialogStore, MeldingStore, ProfessionalStore, Router
from dialogs.records import ReporterRecord
from dialogs.replies import Outcome
from dialogs.state import ConversationState


@dataclass(frozen=True)
class DialogServices:
    store: DialogStore
    area: Area
    router: Router
    classifier: Classifier
    meldingen: MeldingStore
    professionals: ProfessionalStore


@dataclass
class Turn:
    services: DialogServices
    reporter: ReporterRecord
    state: ConversationState
    now: datetime
    out: Outcome
    # Set by /vergeet: the reporter row is gone, so nothing may be saved for it afterwards.
    erased: bool = False

    def help_params(self) -> dict[str, str]:
        numbers = dict(self.services.area.help_numbers())
        numbers["gemeente"] = self.services.area.name
        return numbers
