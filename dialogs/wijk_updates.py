"""News about the resident's wijk ("what we did with your meldingen"): offered once, after a receipt."""
from __future__ import annotations

from dialogs.context import Turn
from dialogs.replies import N_, Button, Message, Verbatim

PREFIX = "f:in:"
YES, NO = "y", "n"


def _wijk_name(turn: Turn, wijk_id: str) -> Verbatim:
    name, _buurt = turn.services.area.area_names(wijk_id, None)
    return Verbatim(name or wijk_id)


def offer(turn: Turn, wijk_id: str | None) -> None:
    """Asks once per resident, and only when the melding has a wijk they do not already follow."""
    reporter, state = turn.reporter, turn.state
    if not wijk_id or state.updates_offered or reporter.stopped or reporter.updates_wijk_id == wijk_id:
        return
    state.updates_offered, state.updates_wijk = True, wijk_id
    turn.out.say(N_("optin.ask"), wijk=_wijk_name(turn, wijk_id), buttons=(
        (Button(Message(N_("optin.yes")), PREFIX + YES), Button(Message(N_("optin.no")), PREFIX + NO)),
    ))


async def answer(turn: Turn, data: str) -> bool:
    """Returns False when there is no open offer (an old button)."""
    choice, wijk_id = data.removeprefix(PREFIX), turn.state.updates_wijk
    if wijk_id is None or choice not in (YES, NO):
        return False
    turn.state.updates_wijk = None
    if choice == NO:
        turn.out.say(N_("optin.declined"))
        return True
    turn.reporter.updates_wijk_id = wijk_id
    await turn.services.store.update_reporter(turn.reporter)
    turn.out.say(N_("optin.done"), wijk=_wijk_name(turn, wijk_id))
    return True
