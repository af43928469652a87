"""The professional side: /koppel, and working a melding card (accept, ask, forward, status, close).

Who may press a card's buttons is decided from the database (the professional's partner is assigned
to the melding, or the role covers the whole gemeente), never from membership of a Telegram group.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from dialogs import cards, resident_notices
from dialogs.context import DialogServices
from dialogs.domain_events import MeldingForwarded, QuestionAsked, StatusChanged
from dialogs.events import Sender
from dialogs.labels import (
    CLOSING_BUTTONS,
    CLOSING_TEMPLATES,
    INTERNAL_STATUS_LABELS,
    QUESTION_BUTTONS,
    QUESTION_TEMPLATES,
    ROLE_LABELS,
)
from dialogs.records import MeldingView, ProfessionalRecord
from dialogs.replies import N_, Button, Message, Outcome, Verbatim
from dialogs.statuses import ALLOWED_TRANSITIONS, REQUIRES_MESSAGE, Status, TransitionError

GEMEENTE_WIDE_ROLES = frozenset({"gemeente_coordinator", "admin"})
ROLES = ("partner_member", "partner_coordinator", "gemeente_coordinator", "admin")
MAX_FAILED_LINK_ATTEMPTS = 5
LINK_ATTEMPT_WINDOW = timedelta(hours=1)
# Statuses a professional sets directly; asking, forwarding and closing have their own buttons.
DIRECT_STATUSES = (Status.IN_BEHANDELING, Status.NIET_OPLOSBAAR, Status.HEROPEND)
MAX_PARTNER_TEXT = 3000


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


@dataclass
class Desk:
    """One update from a (would-be) professional: there is no resident conversation behind it."""

    services: DialogServices
    sender: Sender
    now: datetime
    out: Outcome


@dataclass
class Work:
    """One professional acting on one melding in one chat."""

    turn: Desk
    professional: ProfessionalRecord
    melding: MeldingView
    chat_id: int

    @property
    def partner_name(self) -> str:
        return self.turn.services.area.partner_name(self.professional.partner_id)

    @property
    def reference(self) -> Verbatim:
        return Verbatim(self.melding.reference)

    def actor(self) -> str:
        return f"professional:{self.professional.id}"

    async def audit(self, action: str, **detail) -> None:
        await self.turn.services.professionals.audit(self.professional.id, action, self.melding.id, self.turn.now,
                                                     **detail)

    async def move(self, new: Status, message: str | None = None) -> None:
        old = await self.turn.services.meldingen.change_status(self.melding.id, new, actor=self.actor(),
                                                               message=message, now=self.turn.now)
        await self.audit(f"status:{new.value}", message=message)
        self.turn.out.events.append(StatusChanged(self.melding.id, Status(old).value, new.value))

    def notify(self, notices) -> None:
        self.turn.out.notices.extend(notices)


async def link(turn: Desk, code: str) -> None:
    services, user_id = turn.services, turn.sender.user_id
    failed = await services.professionals.failed_attempts_since(user_id, turn.now - LINK_ATTEMPT_WINDOW)
    if failed >= MAX_FAILED_LINK_ATTEMPTS:
        turn.out.say(N_("pro.too_many_attempts"))
        return
    professional = await services.professionals.redeem(hash_code(code), user_id, turn.now) if code.strip() else None
    if professional is None:
        # One answer for wrong, used and expired codes: nothing to learn from guessing.
        turn.out.say(N_("pro.code_refused"))
        return
    await services.professionals.audit(professional.id, "linked", None, turn.now, chat_id=turn.sender.chat_id)
    turn.out.say(N_("pro.linked"), partner=Verbatim(services.area.partner_name(professional.partner_id)),
                 role=Message(ROLE_LABELS[professional.role]))


async def _work_for(turn: Desk, melding_id: str) -> Work | None:
    services = turn.services
    professional = await services.professionals.by_user(turn.sender.user_id)
    melding = await services.meldingen.get(int(melding_id)) if melding_id.isdigit() else None
    if professional is None or melding is None:
        turn.out.toast = Message(N_("pro.not_allowed"))
        return None
    if professional.role not in GEMEENTE_WIDE_ROLES and professional.partner_id not in melding.partner_ids:
        await services.professionals.audit(professional.id, "refused", melding.id, turn.now)
        turn.out.toast = Message(N_("pro.not_allowed"))
        return None
    return Work(turn, professional, melding, turn.sender.chat_id)


async def on_button(turn: Desk, data: str) -> None:
    _, action, melding_id, *rest = (data.split(":") + ["", ""])[:4]
    work = await _work_for(turn, melding_id)
    if work is None:
        return
    argument = rest[0] if rest else ""
    try:
        await ACTIONS.get(action, _unknown)(work, argument)
    except TransitionError:
        current = (await turn.services.meldingen.get(work.melding.id)).status
        turn.out.say(N_("pro.status_invalid"), reference=work.reference,
                     status=Message(INTERNAL_STATUS_LABELS[current]))


async def _unknown(work: Work, _argument: str) -> None:
    work.turn.out.toast = Message(N_("button.stale"))


async def _accept(work: Work, _argument: str) -> None:
    await work.move(Status.IN_BEHANDELING)
    work.turn.out.say(N_("pro.accepted"), reference=work.reference, partner=Verbatim(work.partner_name))
    work.notify(resident_notices.accepted(work.melding, work.partner_name))


async def _offer_questions(work: Work, _argument: str) -> None:
    rows = tuple((Button(Message(label), f"p:q:{work.melding.id}:{key}"),) for key, label in QUESTION_BUTTONS.items())
    rows += ((Button(Message(N_("pro.button_own_text")), f"p:qf:{work.melding.id}"),),)
    work.turn.out.say(N_("pro.choose_question"), reference=work.reference, buttons=rows)


async def _ask_template(work: Work, template_key: str) -> None:
    if template_key not in QUESTION_TEMPLATES:
        await _unknown(work, template_key)
        return
    await _ask(work, template_key, None)


async def _ask(work: Work, template_key: str | None, body: str | None) -> None:
    if work.melding.reporter_chat_id is None or work.melding.reporter_stopped:
        # After /vergeet or /stop the bot does not message the resident, not even with a question.
        work.turn.out.say(N_("pro.resident_unreachable"), reference=work.reference)
        return
    if Status(work.melding.status) in (Status.DOORGEZET, Status.HEROPEND):
        await work.move(Status.IN_BEHANDELING)
    await work.move(Status.VRAAG_AAN_MELDER, template_key or body)
    question_id = await work.turn.services.meldingen.add_question(
        work.melding.id, professional_id=work.professional.id, chat_id=work.chat_id, template_key=template_key,
        body=body, now=work.turn.now)
    work.notify(resident_notices.question(work.melding, work.partner_name, question_id, template_key, body))
    work.turn.out.events.append(QuestionAsked(work.melding.id, question_id))
    work.turn.out.say(N_("pro.question_sent"), reference=work.reference)


async def _expect_text(work: Work, action: str, prompt_key: str, *, remember: dict | None = None,
                       **params) -> None:
    """The professional's next message in this chat completes `action`, with what is remembered here."""
    pending = {"action": action, "melding": work.melding.id, "chat": work.chat_id, **(remember or {})}
    await work.turn.services.professionals.set_pending(work.professional.id, pending)
    work.turn.out.say(prompt_key, reference=work.reference, **params)


async def _own_question(work: Work, _argument: str) -> None:
    await _expect_text(work, "question", N_("pro.type_question"))


async def _offer_partners(work: Work, _argument: str) -> None:
    area = work.turn.services.area
    others = [pid for pid in area.partner_ids() if pid not in work.melding.partner_ids]
    rows = tuple((Button(Message(N_("pro.partner_choice"), partner=Verbatim(area.partner_name(pid))),
                         f"p:fw:{work.melding.id}:{pid}"),) for pid in others)
    work.turn.out.say(N_("pro.choose_partner"), reference=work.reference, buttons=rows)


async def _forward_to(work: Work, partner_id: str) -> None:
    if partner_id not in work.turn.services.area.partner_ids():
        await _unknown(work, partner_id)
        return
    await _expect_text(work, "forward", N_("pro.type_forward_reason"), remember={"to": partner_id},
                       to=Verbatim(work.turn.services.area.partner_name(partner_id)))


async def _offer_statuses(work: Work, _argument: str) -> None:
    allowed = ALLOWED_TRANSITIONS[Status(work.melding.status)]
    rows = tuple((Button(Message(INTERNAL_STATUS_LABELS[s.value]), f"p:set:{work.melding.id}:{s.value}"),)
                 for s in DIRECT_STATUSES if s in allowed)
    work.turn.out.say(N_("pro.choose_status"), reference=work.reference,
                      status=Message(INTERNAL_STATUS_LABELS[work.melding.status]), buttons=rows)


async def _set_status(work: Work, status: str) -> None:
    if status not in {s.value for s in DIRECT_STATUSES}:
        await _unknown(work, status)
        return
    new = Status(status)
    if new in REQUIRES_MESSAGE:
        await _expect_text(work, "status", N_("pro.type_explanation"), remember={"status": status})
        return
    await work.move(new)
    work.turn.out.say(N_("pro.status_set"), reference=work.reference, status=Message(INTERNAL_STATUS_LABELS[status]))
    if new is Status.IN_BEHANDELING:
        work.notify(resident_notices.accepted(work.melding, work.partner_name))
    elif new is Status.HEROPEND:
        work.notify(resident_notices.reopened(work.melding, work.partner_name))


async def _offer_closings(work: Work, _argument: str) -> None:
    rows = tuple((Button(Message(label), f"p:c:{work.melding.id}:{key}"),) for key, label in CLOSING_BUTTONS.items())
    rows += ((Button(Message(N_("pro.button_own_text")), f"p:cf:{work.melding.id}"),),)
    work.turn.out.say(N_("pro.choose_closing"), reference=work.reference, buttons=rows)


async def _close_template(work: Work, template_key: str) -> None:
    if template_key not in CLOSING_TEMPLATES:
        await _unknown(work, template_key)
        return
    await _close(work, template_key, None)


async def _close(work: Work, template_key: str | None, body: str | None) -> None:
    await work.move(Status.AFGEHANDELD, template_key or body)
    work.turn.out.say(N_("pro.closed"), reference=work.reference)
    work.notify(resident_notices.closed(work.melding, work.partner_name, template_key, body))


async def _own_closing(work: Work, _argument: str) -> None:
    await _expect_text(work, "close", N_("pro.type_closing"))


ACTIONS = {
    "acc": _accept,
    "ask": _offer_questions,
    "q": _ask_template,
    "qf": _own_question,
    "fwd": _offer_partners,
    "fw": _forward_to,
    "st": _offer_statuses,
    "set": _set_status,
    "cl": _offer_closings,
    "c": _close_template,
    "cf": _own_closing,
}


async def on_pending_text(turn: Desk, professional: ProfessionalRecord, text: str) -> None:
    """The free text a professional was asked for: a question, a forward reason, an explanation, a closing."""
    pending = professional.pending or {}
    await turn.services.professionals.set_pending(professional.id, None)
    work = await _work_for(turn, str(pending.get("melding", "")))
    body = text.strip()[:MAX_PARTNER_TEXT]
    if work is None or not body:
        return
    try:
        match pending.get("action"):
            case "question":
                await _ask(work, None, body)
            case "close":
                await _close(work, None, body)
            case "status":
                await work.move(Status(pending["status"]), body)
                turn.out.say(N_("pro.status_set"), reference=work.reference,
                             status=Message(INTERNAL_STATUS_LABELS[pending["status"]]))
                work.notify(resident_notices.not_solvable(work.melding, work.partner_name, body))
            case "forward":
                await _forward(work, pending["to"], body)
    except TransitionError:
        current = (await turn.services.meldingen.get(work.melding.id)).status
        turn.out.say(N_("pro.status_invalid"), reference=work.reference,
                     status=Message(INTERNAL_STATUS_LABELS[current]))


async def _forward(work: Work, partner_id: str, reason: str) -> None:
    services, area = work.turn.services, work.turn.services.area
    await work.move(Status.DOORVERWEZEN, reason)
    await services.meldingen.reassign(work.melding.id, to_partner=partner_id, reason=reason, now=work.turn.now)
    await work.move(Status.DOORGEZET)
    await work.audit("forwarded", to=partner_id, reason=reason)
    work.turn.out.events.append(MeldingForwarded(work.melding.id, partner_id))
    melding = await services.meldingen.get(work.melding.id)
    new_partner = area.partner_name(partner_id)
    work.turn.out.say(N_("pro.forwarded"), reference=work.reference, partner=Verbatim(new_partner))
    chat_id = area.partner_chat(partner_id)
    if chat_id is not None:
        work.notify([cards.forward_note(melding, chat_id, work.partner_name, reason)])
    work.notify(cards.card_notices(melding, area, (partner_id,)))
    work.notify(resident_notices.forwarded(melding, new_partner))
