"""A resident answers a follow-up: is it solved (yes / partly / no + comment), is it still going on.

"Partly" or "no" asks what is still wrong in one message, then reopens the melding and sends it back
to the partner(s) that had it, with the resident's own words. Every answer is kept with the melding.
"""
from __future__ import annotations

from dialogs.cards import PARTNER_LOCALE, card_buttons
from dialogs.context import Turn
from dialogs.domain_events import StatusChanged
from dialogs.intake import MAX_TEXT_LENGTH, clean_text, has_words
from dialogs.records import MeldingView
from dialogs.replies import N_, Button, Message, Notice, Reply, Verbatim
from dialogs.state import Step
from dialogs.statuses import CLOSED_STATUSES, Status

PREFIX = "f:"
SOLVED, STILL_GOING = "sv", "sg"
YES, PARTLY, NO = "y", "p", "n"


def _button(key: str, action: str, melding_id: int, answer: str) -> tuple[Button]:
    return (Button(Message(key), f"{PREFIX}{action}:{melding_id}:{answer}"),)


def solved_buttons(melding_id: int) -> tuple[tuple[Button, ...], ...]:
    return (
        _button(N_("followup.solved_yes"), SOLVED, melding_id, YES),
        _button(N_("followup.solved_partly"), SOLVED, melding_id, PARTLY),
        _button(N_("followup.solved_no"), SOLVED, melding_id, NO),
    )


def still_going_buttons(melding_id: int) -> tuple[tuple[Button, ...], ...]:
    return (
        _button(N_("followup.still_yes"), STILL_GOING, melding_id, YES),
        _button(N_("followup.still_no"), STILL_GOING, melding_id, NO),
    )


async def on_button(turn: Turn, data: str) -> bool:
    """Returns False when the button is not (or no longer) for this resident."""
    action, _, rest = data.removeprefix(PREFIX).partition(":")
    melding_id, _, choice = rest.partition(":")
    melding = await _own_melding(turn, melding_id)
    if melding is None:
        return False
    if action == SOLVED and choice in (YES, PARTLY, NO):
        return await _answer_solved(turn, melding, choice)
    if action == STILL_GOING and choice in (YES, NO):
        await _answer_still_going(turn, melding, choice)
        return True
    return False


async def _own_melding(turn: Turn, melding_id: str) -> MeldingView | None:
    melding = await turn.services.meldingen.get(int(melding_id)) if melding_id.isdigit() else None
    if melding is None or melding.reporter_chat_id != turn.reporter.chat_id:
        return None
    return melding


async def _answer_solved(turn: Turn, melding: MeldingView, choice: str) -> bool:
    if Status(melding.status) not in CLOSED_STATUSES:
        return False  # reopened since the question was asked: the answer no longer applies
    await turn.services.meldingen.record_feedback(melding.id, f"solved:{choice}", None, turn.now)
    if choice == YES:
        turn.out.say(N_("followup.solved_thanks"))
        return True
    turn.state.step, turn.state.comment_melding_id = Step.FOLLOWUP_COMMENT, melding.id
    turn.out.say(N_("followup.ask_comment"), reference=Verbatim(melding.reference))
    return True


async def _answer_still_going(turn: Turn, melding: MeldingView, choice: str) -> None:
    await turn.services.meldingen.record_feedback(melding.id, f"still_going:{choice}", None, turn.now)
    if choice == YES:
        _tell_partners(turn, melding, Message(N_("pro.still_going"), reference=Verbatim(melding.reference)),
                       "still_going")
    turn.out.say(N_("followup.still_going_noted"))


async def on_comment(turn: Turn, raw: str) -> None:
    """The resident's one-message comment: reopen, and send it back to the partner with these words."""
    text = clean_text(raw)[:MAX_TEXT_LENGTH]
    if not has_words(text):
        turn.out.say(N_("intake.need_words"))
        return
    services = turn.services
    melding = await services.meldingen.get(turn.state.comment_melding_id or 0)
    turn.state.step, turn.state.comment_melding_id = Step.IDLE, None
    if melding is None:
        turn.out.say(N_("answer.too_late"))
        return
    await services.meldingen.record_feedback(melding.id, "comment", text, turn.now)
    if Status(melding.status) in CLOSED_STATUSES:
        await _reopen(turn, melding, text)
    _tell_partners(turn, melding, Message(N_("pro.reopened_by_resident"), reference=Verbatim(melding.reference),
                                          comment=Verbatim(text)), "reopened_by_resident")
    turn.out.say(N_("followup.reopened"), reference=Verbatim(melding.reference))


async def _reopen(turn: Turn, melding: MeldingView, comment: str) -> None:
    """Closed → heropend → doorgezet: back with the same partner(s), who accept it again in time."""
    for old, new, actor, message in (
        (Status(melding.status), Status.HEROPEND, "resident", comment),
        (Status.HEROPEND, Status.DOORGEZET, "system", None),
    ):
        await turn.services.meldingen.change_status(melding.id, new, actor=actor, message=message, now=turn.now)
        turn.out.events.append(StatusChanged(melding.id, old.value, new.value))


def _tell_partners(turn: Turn, melding: MeldingView, message: Message, kind: str) -> None:
    area = turn.services.area
    for partner_id in melding.partner_ids:
        chat_id = area.partner_chat(partner_id)
        if chat_id is not None:
            turn.out.notices.append(Notice(chat_id, PARTNER_LOCALE, Reply(message, card_buttons(melding.id)), kind,
                                           melding.id))
