"""One action per follow-up kind: the messages it sends, built from the melding as it is now.

What goes to the resident is returned apart from what goes to partner chats: the worker holds the
first to quiet hours, the one-a-day limit and /stop, and sends the second at once.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.followup.model import FollowUpKind
from dialogs import resident_notices
from dialogs.cards import PARTNER_LOCALE, card_buttons
from dialogs.followup_answers import solved_buttons, still_going_buttons
from dialogs.labels import CATEGORY_LABELS, PUBLIC_STATUS_LABELS
from dialogs.ports import Area
from dialogs.records import MeldingView
from dialogs.replies import N_, Button, Message, Notice, Reply, Verbatim
from dialogs.statuses import public_status
from storage.followup_repository import OpenQuestion


@dataclass(frozen=True)
class FollowUpContext:
    melding: MeldingView
    area: Area
    coordinator_chat: int | None
    question: OpenQuestion | None = None

    @property
    def reference(self) -> Verbatim:
        return Verbatim(self.melding.reference)

    def partner_names(self) -> tuple[Verbatim, ...]:
        return tuple(Verbatim(self.area.partner_name(pid)) for pid in self.melding.partner_ids)


@dataclass(frozen=True)
class Composed:
    resident: Reply | None = None
    partners: tuple[Notice, ...] = ()


def _to_resident(key: str, context: FollowUpContext, buttons: tuple[tuple[Button, ...], ...] = (),
                 **params) -> Reply:
    return Reply(Message(key, reference=context.reference, **params), buttons)


def escalate(context: FollowUpContext) -> Composed:
    """Not accepted in time: the coordinator is asked to follow it up, and the resident is told so."""
    melding = context.melding
    to_coordinator = () if context.coordinator_chat is None else (Notice(
        context.coordinator_chat, PARTNER_LOCALE,
        Reply(Message(N_("pro.escalation"), reference=context.reference,
                      category=Message(CATEGORY_LABELS[melding.category]), partners=context.partner_names(),
                      reported_at=melding.created_at), card_buttons(melding.id)),
        "escalation", melding.id),)
    return Composed(_to_resident(N_("followup.escalated"), context), to_coordinator)


def interim_update(context: FollowUpContext) -> Composed:
    status = PUBLIC_STATUS_LABELS[public_status(context.melding.status).value]
    return Composed(_to_resident(N_("followup.interim"), context, partners=context.partner_names(),
                                 status=Message(status)))


def solved_check(context: FollowUpContext) -> Composed:
    return Composed(_to_resident(N_("followup.solved_check"), context, solved_buttons(context.melding.id)))


def still_going_check(context: FollowUpContext) -> Composed:
    return Composed(_to_resident(N_("followup.still_going"), context, still_going_buttons(context.melding.id)))


def _asking_partner(context: FollowUpContext) -> str:
    partner_id = context.question.partner_id or next(iter(context.melding.partner_ids), None)
    return context.area.partner_name(partner_id) if partner_id else context.area.name


def question_reminder(context: FollowUpContext) -> Composed:
    question = context.question
    if question is None:
        return Composed()
    notices = resident_notices.question_reminder(context.melding, _asking_partner(context), question.id,
                                                 question.template_key, question.body)
    return Composed(notices[0].reply if notices else None)


def question_unanswered(context: FollowUpContext) -> Composed:
    """Reminded and still no answer: the partner who asked hears it, and may carry on without it."""
    question, melding = context.question, context.melding
    if question is None or question.asked_in_chat is None:
        return Composed()
    return Composed(partners=(Notice(
        question.asked_in_chat, PARTNER_LOCALE,
        Reply(Message(N_("pro.question_unanswered"), reference=context.reference), card_buttons(melding.id)),
        "question_unanswered", melding.id),))


ACTIONS: dict[FollowUpKind, Callable[[FollowUpContext], Composed]] = {
    FollowUpKind.ACCEPTANCE_ESCALATION: escalate,
    FollowUpKind.INTERIM_UPDATE: interim_update,
    FollowUpKind.SOLVED_CHECK: solved_check,
    FollowUpKind.STILL_GOING_CHECK: still_going_check,
    FollowUpKind.QUESTION_REMINDER: question_reminder,
    FollowUpKind.PARTNER_DIGEST: question_unanswered,
}
