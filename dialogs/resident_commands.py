"""The resident's slash commands: /start, /melden, /mijnmeldingen, /taal, /hulp, /privacy, /vergeet, /stop."""
from __future__ import annotations

from dialogs import intake
from dialogs.context import Turn
from dialogs.domain_events import ResidentOptedOut
from dialogs.labels import CATEGORY_LABELS, LANGUAGE_NAMES, PUBLIC_STATUS_LABELS
from dialogs.replies import N_, NP_, Button, Message, Verbatim
from dialogs.state import Step
from dialogs.statuses import Status, public_status
from dialogs.vocabulary import LANGUAGES

MAX_LISTED_MELDINGEN = 10

# English spellings, for residents who guess the command in English.
ALIASES = {
    "help": "hulp",
    "language": "taal",
    "report": "melden",
    "myreports": "mijnmeldingen",
    "forget": "vergeet",
}


async def start(turn: Turn) -> None:
    if turn.reporter.stopped:
        turn.reporter.stopped = False
        await turn.services.store.update_reporter(turn.reporter)
    turn.out.say(N_("start.welcome"), gemeente=Verbatim(turn.services.area.name))
    intake.begin(turn)


async def report(turn: Turn) -> None:
    intake.begin(turn)


async def my_meldingen(turn: Turn) -> None:
    meldingen = list(await turn.services.store.meldingen_of(turn.reporter.id))
    if not meldingen:
        turn.out.say(N_("mine.none"))
        return
    shown = meldingen[:MAX_LISTED_MELDINGEN]
    turn.out.say(NP_("mine.header", "mine.header.plural"), count=len(meldingen), total=len(meldingen))
    for melding in shown:
        turn.out.say(
            N_("mine.item"),
            reference=Verbatim(melding.reference),
            category=Message(CATEGORY_LABELS[melding.category]),
            status=Message(PUBLIC_STATUS_LABELS[public_status(Status(melding.status)).value]),
            date=melding.created_at,
        )


async def choose_language(turn: Turn) -> None:
    rows = tuple((Button(Message(LANGUAGE_NAMES[code]), f"lang:{code}"),) for code in LANGUAGES)
    turn.out.say(N_("language.ask"), buttons=rows)


async def set_language(turn: Turn, code: str) -> None:
    if code not in LANGUAGES:
        turn.out.say(N_("button.stale"))
        return
    turn.reporter.locale, turn.reporter.locale_chosen = code, True
    await turn.services.store.update_reporter(turn.reporter)
    turn.out.say(N_("language.set"))
    intake.ask_current(turn)


async def help_overview(turn: Turn) -> None:
    turn.out.say(N_("help.overview"), **turn.help_params())


async def privacy(turn: Turn) -> None:
    turn.out.say(N_("privacy.explained"), **turn.help_params())


async def forget(turn: Turn) -> None:
    turn.state.step = Step.CONFIRM_FORGET
    turn.out.say(
        N_("forget.ask"),
        buttons=((Button(Message(N_("forget.button_yes")), "forget:yes"),
                  Button(Message(N_("forget.button_no")), "forget:no")),),
    )


async def forget_answer(turn: Turn, answer: str) -> None:
    if turn.state.step is not Step.CONFIRM_FORGET:
        turn.out.say(N_("button.stale"))
        return
    if answer == "yes":
        await turn.services.store.erase_reporter(turn.reporter.id, turn.now)
        turn.erased = True
        turn.out.say(N_("forget.done"))
        turn.out.events.append(ResidentOptedOut(turn.reporter.chat_id))
    else:
        turn.state.step = Step.IDLE
        turn.out.say(N_("forget.kept"))


async def stop(turn: Turn) -> None:
    turn.reporter.stopped = True
    await turn.services.store.update_reporter(turn.reporter)
    turn.out.say(N_("stop.done"))
    turn.out.events.append(ResidentOptedOut(turn.reporter.chat_id))


COMMANDS = {
    "start": start,
    "melden": report,
    "mijnmeldingen": my_meldingen,
    "taal": choose_language,
    "hulp": help_overview,
    "privacy": privacy,
    "vergeet": forget,
    "stop": stop,
}
