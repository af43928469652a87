"""In-memory twins of the SQL repositories, sharing one store, for fast unit tests of the dialog core."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Sequence

from dialogs.events import Sender
from dialogs.records import MeldingSummary, MeldingView, NewMelding, ProfessionalRecord, QuestionRecord, ReporterRecord
from dialogs.statuses import Status, check_transition
from storage.resident_repository import locale_from_language_code, reference_for


@dataclass
class StoredMelding:
    new: NewMelding
    summary: MeldingSummary
    status: str
    partner_ids: tuple[str, ...]
    reporter_id: int | None
    last_activity_at: datetime
    history: list[tuple[str | None, str, str, str | None]] = field(default_factory=list)


@dataclass
class StoredInvite:
    partner_id: str
    role: str
    expires_at: datetime
    used: bool = False


class InMemoryStore:
    def __init__(self) -> None:
        self.reporters: dict[int, ReporterRecord] = {}
        self.chats: dict[tuple[str, int], int] = {}
        self.states: dict[int, dict] = {}
        self.meldingen: dict[int, StoredMelding] = {}
        self.questions: dict[int, dict] = {}
        self.professionals: dict[int, ProfessionalRecord] = {}
        self.invites: dict[str, StoredInvite] = {}
        self.attempts: list[tuple[int, bool, datetime]] = []
        self.audit_log: list[tuple[int | None, str, int | None, dict]] = []
        self.feedback: list[tuple[int, str, str | None]] = []


class InMemoryResidentRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self.store = store

    async def reporter_for(self, sender: Sender, now: datetime) -> ReporterRecord:
        key = (sender.channel, sender.chat_id)
        if key not in self.store.chats:
            reporter_id = max(self.store.reporters, default=0) + 1
            self.store.reporters[reporter_id] = ReporterRecord(
                reporter_id, locale_from_language_code(sender.language_code), False, False, sender.chat_id
            )
            self.store.chats[key] = reporter_id
        return replace(self.store.reporters[self.store.chats[key]])

    async def update_reporter(self, reporter: ReporterRecord) -> None:
        self.store.reporters[reporter.id] = replace(reporter)

    async def load_state(self, reporter_id: int) -> dict | None:
        return copy.deepcopy(self.store.states.get(reporter_id))

    async def save_state(self, reporter_id: int, state: dict, now: datetime) -> None:
        self.store.states[reporter_id] = copy.deepcopy(state)

    async def add_melding(self, new: NewMelding) -> MeldingSummary:
        melding_id = len(self.store.meldingen) + 1
        summary = MeldingSummary(melding_id, reference_for(melding_id), new.category, new.status,
                                 new.created_at, new.expected_by, new.partner_ids)
        self.store.meldingen[melding_id] = StoredMelding(new, summary, new.status, new.partner_ids, new.reporter_id,
                                                         new.created_at, [(None, "nieuw", "resident", None)])
        return summary

    async def meldingen_of(self, reporter_id: int) -> Sequence[MeldingSummary]:
        mine = [replace(m.summary, status=m.status) for m in self.store.meldingen.values()
                if m.reporter_id == reporter_id]
        return sorted(mine, key=lambda s: (s.created_at, s.id), reverse=True)

    async def erase_reporter(self, reporter_id: int, now: datetime) -> None:
        self.store.reporters.pop(reporter_id)
        self.store.chats = {key: rid for key, rid in self.store.chats.items() if rid != reporter_id}
        self.store.states.pop(reporter_id, None)
        for melding in self.store.meldingen.values():
            if melding.reporter_id == reporter_id:
                melding.reporter_id = None


class InMemoryMeldingRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self.store = store

    async def get(self, melding_id: int) -> MeldingView | None:
        melding = self.store.meldingen.get(melding_id)
        if melding is None:
            return None
        new, reporter = melding.new, self.store.reporters.get(melding.reporter_id)
        return MeldingView(
            id=melding_id, reference=melding.summary.reference, text=new.text, category=new.category,
            urgency=new.urgency, acute_kind=new.acute_kind, frequency=new.frequency, privacy_mode=new.privacy_mode,
            status=melding.status, wijk_id=new.wijk_id, buurt_id=new.buurt_id, place_text=new.place_text,
            created_at=new.created_at, expected_by=new.expected_by, last_activity_at=melding.last_activity_at,
            partner_ids=melding.partner_ids, photo_file_ids=new.photo_file_ids,
            reporter_chat_id=reporter.chat_id if reporter else None,
            reporter_locale=reporter.locale if reporter else new.language,
            reporter_stopped=reporter.stopped if reporter else True,
        )

    async def change_status(self, melding_id: int, new: Status, *, actor: str, message: str | None,
                            now: datetime) -> Status:
        melding = self.store.meldingen[melding_id]
        old = Status(melding.status)
        check_transition(old, new, message)
        melding.status, melding.last_activity_at = new.value, now
        melding.history.append((old.value, new.value, actor, message))
        return old

    async def reassign(self, melding_id: int, *, to_partner: str, reason: str, now: datetime) -> None:
        self.store.meldingen[melding_id].partner_ids = (to_partner,)

    async def add_question(self, melding_id: int, *, professional_id: int, chat_id: int, template_key: str | None,
                           body: str | None, now: datetime) -> int:
        question_id = len(self.store.questions) + 1
        self.store.questions[question_id] = dict(melding_id=melding_id, professional_id=professional_id,
                                                 chat_id=chat_id, template_key=template_key, body=body, answer=None)
        return question_id

    async def open_question(self, question_id: int) -> QuestionRecord | None:
        question = self.store.questions.get(question_id)
        if question is None or question["answer"] is not None:
            return None
        return QuestionRecord(question_id, question["melding_id"], question["professional_id"], question["chat_id"])

    async def answer_question(self, question_id: int, answer: str, now: datetime) -> None:
        self.store.questions[question_id]["answer"] = answer

    async def record_feedback(self, melding_id: int, kind: str, text: str | None, now: datetime) -> None:
        self.store.feedback.append((melding_id, kind, text))


class InMemoryProfessionalRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self.store = store

    async def by_user(self, telegram_user_id: int) -> ProfessionalRecord | None:
        return next((p for p in self.store.professionals.values() if p.telegram_user_id == telegram_user_id), None)

    async def set_pending(self, professional_id: int, pending: dict | None) -> None:
        self.store.professionals[professional_id] = replace(self.store.professionals[professional_id], pending=pending)

    async def add_invite(self, *, code_hash: str, partner_id: str, role: str, now: datetime,
                         expires_at: datetime) -> None:
        self.store.invites[code_hash] = StoredInvite(partner_id, role, expires_at)

    async def failed_attempts_since(self, telegram_user_id: int, since: datetime) -> int:
        return sum(1 for user, ok, at in self.store.attempts if user == telegram_user_id and not ok and at >= since)

    async def redeem(self, code_hash: str, telegram_user_id: int, now: datetime) -> ProfessionalRecord | None:
        invite = self.store.invites.get(code_hash)
        valid = invite is not None and not invite.used and invite.expires_at > now
        self.store.attempts.append((telegram_user_id, valid, now))
        if not valid:
            return None
        invite.used = True
        existing = await self.by_user(telegram_user_id)
        professional_id = existing.id if existing else len(self.store.professionals) + 1
        record = ProfessionalRecord(professional_id, telegram_user_id, invite.partner_id, invite.role, None)
        self.store.professionals[professional_id] = record
        return record

    async def audit(self, professional_id: int | None, action: str, melding_id: int | None, now: datetime,
                    **detail) -> None:
        self.store.audit_log.append((professional_id, action, melding_id, detail))
