"""Messages that tell a resident what happened to their melding, in the resident's own language."""
from __future__ import annotations

from dialogs.labels import CLOSING_TEMPLATES, QUESTION_TEMPLATES
from dialogs.records import MeldingView
from dialogs.replies import N_, Button, Message, Notice, Param, Reply, Verbatim

ANSWER_PREFIX = "r:ans:"


def _partner_words(template_key: str | None, body: str | None, templates: dict[str, str]) -> Param:
    """A template is translated; free text from a professional is passed on verbatim."""
    if template_key in templates:
        return Message(templates[template_key])
    return Verbatim(body or "")


def to_resident(melding: MeldingView, reply: Reply, kind: str) -> list[Notice]:
    # /vergeet removed the chat; /stop silences everything the resident did not ask for.
    if melding.reporter_chat_id is None or melding.reporter_stopped:
        return []
    return [Notice(melding.reporter_chat_id, melding.reporter_locale, reply, kind, melding.id)]


def accepted(melding: MeldingView, partner: str) -> list[Notice]:
    return to_resident(melding, Reply(Message(
        N_("notice.accepted"), reference=Verbatim(melding.reference), partner=Verbatim(partner))), "status_push")


def question(melding: MeldingView, partner: str, question_id: int, template_key: str | None,
             body: str | None) -> list[Notice]:
    return to_resident(melding, Reply(
        Message(N_("notice.question"), reference=Verbatim(melding.reference), partner=Verbatim(partner),
                question=_partner_words(template_key, body, QUESTION_TEMPLATES)),
        ((Button(Message(N_("notice.button_answer")), f"{ANSWER_PREFIX}{question_id}"),),),
    ), "question")


def closed(melding: MeldingView, partner: str, template_key: str | None, body: str | None) -> list[Notice]:
    return to_resident(melding, Reply(Message(
        N_("notice.closed"), reference=Verbatim(melding.reference), partner=Verbatim(partner),
        message=_partner_words(template_key, body, CLOSING_TEMPLATES))), "status_push")


def not_solvable(melding: MeldingView, partner: str, explanation: str) -> list[Notice]:
    return to_resident(melding, Reply(Message(
        N_("notice.not_solvable"), reference=Verbatim(melding.reference), partner=Verbatim(partner),
        message=Verbatim(explanation))), "status_push")


def forwarded(melding: MeldingView, partner: str) -> list[Notice]:
    return to_resident(melding, Reply(Message(
        N_("notice.forwarded"), reference=Verbatim(melding.reference), partner=Verbatim(partner))), "status_push")


def reopened(melding: MeldingView, partner: str) -> list[Notice]:
    return to_resident(melding, Reply(Message(
        N_("notice.reopened"), reference=Verbatim(melding.reference), partner=Verbatim(partner))), "status_push")


def question_reminder(melding: MeldingView, partner: str, question_id: int, template_key: str | None,
                      body: str | None) -> list[Notice]:
    return to_resident(melding, Reply(
        Message(N_("followup.question_reminder"), reference=Verbatim(melding.reference), partner=Verbatim(partner),
                question=_partner_words(template_key, body, QUESTION_TEMPLATES)),
        ((Button(Message(N_("notice.button_answer")), f"{ANSWER_PREFIX}{question_id}"),),),
    ), "question_reminder")
