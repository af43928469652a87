"""The dialog core's single entry point: one incoming event in, replies, notices and domain events out."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from dialogs import answers, followup_answers, intake, professional, resident_commands, wijk_updates
from dialogs.cards import CARD_PREFIX, PARTNER_LOCALE
from dialogs.context import DialogServices, Turn
from dialogs.events import (
    ButtonPressed,
    CommandReceived,
    Incoming,
    LocationShared,
    PhotoShared,
    TextReceived,
    UnsupportedReceived,
)
from dialogs.replies import N_, Message, Notice, Outcome, Reply
from dialogs.resident_notices import ANSWER_PREFIX
from dialogs.state import ConversationState, Step

log = logging.getLogger(__name__)

UNSUPPORTED_KEYS = {
    "sticker": N_("unsupported.sticker"),
    "voice": N_("unsupported.voice"),
    "edited": N_("unsupported.edited"),
}
LINK_COMMAND = "koppel"


@dataclass(frozen=True)
class DialogResult:
    locale: str
    replies: list[Reply]
    events: list[object]
    notices: list[Notice]
    toast: Message | None = None


async def handle(incoming: Incoming, services: DialogServices) -> DialogResult:
    event, sender = incoming.event, incoming.sender
    desk = professional.Desk(services, sender, incoming.received_at, Outcome())
    if isinstance(event, CommandReceived) and event.command == LINK_COMMAND:
        await professional.link(desk, event.argument)
        return _result(PARTNER_LOCALE, desk.out)
    if isinstance(event, ButtonPressed) and event.data.startswith(CARD_PREFIX):
        await professional.on_button(desk, event.data)
        return _result(PARTNER_LOCALE, desk.out)
    if isinstance(event, TextReceived) and sender.user_id is not None:
        colleague = await services.professionals.by_user(sender.user_id)
        if colleague and colleague.pending and colleague.pending.get("chat") == sender.chat_id:
            await professional.on_pending_text(desk, colleague, event.text)
            return _result(PARTNER_LOCALE, desk.out)
    if not sender.private:
        # Residents' matters never belong in a group: nothing is answered there, only logged.
        log.info("ignored %s in group chat %s", type(event).__name__, sender.chat_id)
        return _result(PARTNER_LOCALE, desk.out)
    return await _handle_resident(incoming, services)


def _result(locale: str, out: Outcome) -> DialogResult:
    return DialogResult(locale, out.replies, out.events, out.notices, out.toast)


async def _handle_resident(incoming: Incoming, services: DialogServices) -> DialogResult:
    reporter = await services.store.reporter_for(incoming.sender, incoming.received_at)
    state = ConversationState.from_dict(await services.store.load_state(reporter.id))
    turn = Turn(services, reporter, state, incoming.received_at, Outcome())
    await _dispatch(turn, incoming.event)
    if not turn.erased:
        await services.store.save_state(reporter.id, state.to_dict(), incoming.received_at)
    return _result(reporter.locale, turn.out)


async def _dispatch(turn: Turn, event) -> None:
    match event:
        case CommandReceived(command=command):
            name = resident_commands.ALIASES.get(command, command)
            handler = resident_commands.COMMANDS.get(name)
            if handler is None:
                turn.out.say(N_("command.unknown"))
            else:
                await handler(turn)
        case TextReceived(text=text) if turn.state.step is Step.ANSWER_QUESTION:
            await answers.on_answer(turn, text)
        case TextReceived(text=text) if turn.state.step is Step.FOLLOWUP_COMMENT:
            await followup_answers.on_comment(turn, text)
        case TextReceived(text=text):
            if turn.state.step in (Step.IDLE, Step.CONFIRM_FORGET):
                turn.state.start_draft()
            await intake.on_text(turn, text)
        case ButtonPressed(data=data):
            await _on_button(turn, data)
        case LocationShared(latitude=lat, longitude=lon):
            intake.on_location(turn, lat, lon)
        case PhotoShared(file_id=file_id, caption=caption):
            await intake.on_photo(turn, file_id, caption)
        case UnsupportedReceived(kind=kind):
            log.info("unsupported update kind=%s step=%s", kind, turn.state.step)
            turn.out.say(UNSUPPORTED_KEYS.get(kind, N_("unsupported.other")))
            intake.ask_current(turn)


async def _on_button(turn: Turn, data: str) -> None:
    prefix, _, value = data.partition(":")
    try:
        if prefix == "lang":
            await resident_commands.set_language(turn, value)
        elif prefix == "forget":
            await resident_commands.forget_answer(turn, value)
        elif data.startswith(ANSWER_PREFIX):
            if not await answers.start_answer(turn, data):
                raise intake.StaleButton
        elif data.startswith(wijk_updates.PREFIX):
            if not await wijk_updates.answer(turn, data):
                raise intake.StaleButton
        elif data.startswith(followup_answers.PREFIX):
            if not await followup_answers.on_button(turn, data):
                raise intake.StaleButton
        elif data.startswith(intake.PREFIX):
            await intake.on_button(turn, data)
        else:
            raise intake.StaleButton
    except intake.StaleButton:
        log.info("stale or unknown button data=%r step=%s", data, turn.state.step)
        turn.out.say(N_("button.stale"))
        intake.ask_current(turn)
