"""A resident answers a partner's question: the answer goes back into the melding and to the partner chat."""
from __future__ import annotations

from dialogs.cards import PARTNER_LOCALE
from dialogs.context import Turn
from dialogs.domain_events import ResidentAnsweredQuestion, StatusChanged
from dialogs.intake import MAX_TEXT_LENGTH, clean_text, has_words
from dialogs.replies import N_, Message, Notice, Reply, Verbatim
from dialogs.resident_notices import ANSWER_PREFIX
from dialogs.state import Step
from dialogs.statuses import Status


async def start_answer(turn: Turn, data: str) -> bool:
    """Returns False when the button is not (or no longer) for this resident."""
    question_id = data.removeprefix(ANSWER_PREFIX)
    if not question_id.isdigit():
        return False
    question = await turn.services.meldingen.open_question(int(question_id))
    melding = await turn.services.meldingen.get(question.melding_id) if question else None
    if melding is None or melding.reporter_chat_id != turn.reporter.chat_id:
        return False
    turn.state.step, turn.state.question_id = Step.ANSWER_QUESTION, question.id
    turn.out.say(N_("answer.ask"), reference=Verbatim(melding.reference))
    return True


async def on_answer(turn: Turn, raw: str) -> None:
    text = clean_text(raw)[:MAX_TEXT_LENGTH]
    if not has_words(text):
        turn.out.say(N_("intake.need_words"))
        return
    services = turn.services
    question = await services.meldingen.open_question(turn.state.question_id or 0)
    turn.state.step, turn.state.question_id = Step.IDLE, None
    if question is None:
        turn.out.say(N_("answer.too_late"))
        return
    await services.meldingen.answer_question(question.id, text, turn.now)
    melding = await services.meldingen.get(question.melding_id)
    if Status(melding.status) is Status.VRAAG_AAN_MELDER:
        await services.meldingen.change_status(melding.id, Status.IN_BEHANDELING, actor="resident",
                                               message=None, now=turn.now)
        turn.out.events.append(StatusChanged(melding.id, Status.VRAAG_AAN_MELDER.value, Status.IN_BEHANDELING.value))
    if question.asked_in_chat is not None:
        turn.out.notices.append(Notice(question.asked_in_chat, PARTNER_LOCALE, Reply(Message(
            N_("pro.resident_answered"), reference=Verbatim(melding.reference), answer=Verbatim(text))),
            "answer", melding.id))
    turn.out.events.append(ResidentAnsweredQuestion(melding.id, question.id, text))
    turn.out.say(N_("answer.sent"), reference=Verbatim(melding.reference))
