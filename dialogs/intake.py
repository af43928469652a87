"""The resident's intake: tell it, safety first, what, where, when, how to be treated, confirm, receipt."""
from __future__ import annotations

import unicodedata

from dialogs import cards, wijk_updates
from dialogs.context import Turn
from dialogs.domain_events import MeldingConfirmed
from dialogs.labels import (
    CATEGORY_LABELS,
    FREQUENCY_LABELS,
    GUIDANCE,
    PRIVACY_LABELS,
    REPRISAL_RISK_CATEGORIES,
)
from dialogs.records import MeldingSummary, MeldingView, NewMelding
from dialogs.replies import N_, Button, Message, Reply, Verbatim
from dialogs.state import Step
from dialogs.statuses import Status
from dialogs.vocabulary import CATEGORIES, AcuteKind, Frequency, PrivacyMode, Urgency

MAX_TEXT_LENGTH = 4000
MAX_PHOTOS = 5
TOP_CANDIDATES = 3
PREFIX = "i:"


def clean_text(raw: str) -> str:
    """Drop control characters (but keep line breaks) so stored text is printable everywhere."""
    kept = (ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return "".join(kept).strip()


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _button(key: str, data: str, **params) -> Button:
    return Button(Message(key, **params), PREFIX + data)


def begin(turn: Turn) -> None:
    turn.state.start_draft()
    turn.out.say(N_("intake.ask_describe"))


async def on_text(turn: Turn, raw: str) -> None:
    text = clean_text(raw)
    step = turn.state.step
    if step is Step.DESCRIBE:
        await _describe(turn, text)
        return
    _warn_if_acute(turn, text)
    if step is Step.CATEGORY and has_words(text):
        turn.state.draft.text = f"{turn.state.draft.text}\n{text}"[:MAX_TEXT_LENGTH]
        _rank(turn)
        turn.out.say(N_("intake.added_to_story"))
        _ask_category(turn)
    elif step is Step.WHERE:
        _place_from_text(turn, text)
    else:
        turn.out.say(N_("intake.use_buttons"))
        ask_current(turn)


async def _describe(turn: Turn, text: str) -> None:
    if not has_words(text):
        turn.out.say(N_("intake.need_words"))
        return
    if len(text) > MAX_TEXT_LENGTH:
        text = text[:MAX_TEXT_LENGTH]
        turn.out.say(N_("intake.text_truncated"), limit=MAX_TEXT_LENGTH)
    turn.state.draft.text = text
    triage = turn.services.classifier.classify(text)
    turn.state.draft.language = triage.language
    if triage.language_confident and not turn.reporter.locale_chosen and triage.language != turn.reporter.locale:
        turn.reporter.locale = triage.language
        await turn.services.store.update_reporter(turn.reporter)
    _apply_triage(turn, triage)
    turn.state.step = Step.CATEGORY
    _ask_category(turn)


def _apply_triage(turn: Turn, triage) -> None:
    draft = turn.state.draft
    draft.candidates = [c.category for c in triage.candidates[:TOP_CANDIDATES]]
    if triage.urgency == Urgency.ACUUT:
        draft.urgency, draft.acute_kind = Urgency.ACUUT.value, triage.acute_kind.value
        _say_safety_first(turn, triage.acute_kind)
    elif draft.urgency != Urgency.ACUUT:
        draft.urgency = triage.urgency.value


def _rank(turn: Turn) -> None:
    _apply_triage(turn, turn.services.classifier.classify(turn.state.draft.text))


def _warn_if_acute(turn: Turn, text: str) -> None:
    if not has_words(text):
        return
    triage = turn.services.classifier.classify(text)
    if triage.urgency == Urgency.ACUUT:
        turn.state.draft.urgency, turn.state.draft.acute_kind = Urgency.ACUUT.value, triage.acute_kind.value
        _say_safety_first(turn, triage.acute_kind)


def _say_safety_first(turn: Turn, kind: AcuteKind) -> None:
    """The 112/113 message goes before any question, once per conversation."""
    if turn.state.warned_acute:
        return
    turn.state.warned_acute = True
    key = N_("safety.call_113") if kind == AcuteKind.SUICIDE else N_("safety.call_112")
    turn.out.replies.insert(0, Reply(Message(key)))


def ask_current(turn: Turn) -> None:
    asks = {
        Step.DESCRIBE: lambda: turn.out.say(N_("intake.ask_describe")),
        Step.CATEGORY: lambda: _ask_category(turn),
        Step.WHERE: lambda: _ask_where(turn),
        Step.WHEN: lambda: _ask_when(turn),
        Step.PRIVACY: lambda: _ask_privacy(turn),
        Step.CONFIRM: lambda: _ask_confirm(turn),
    }
    asks.get(turn.state.step, lambda: None)()


def _ask_category(turn: Turn) -> None:
    candidates = turn.state.draft.candidates or ["overig"]
    rows = tuple((_button(CATEGORY_LABELS[slug], f"cat:{slug}"),) for slug in candidates)
    rows += ((_button(N_("button.something_else"), "cat:*"),),)
    turn.out.say(N_("intake.ask_category"), buttons=rows)


def _ask_all_categories(turn: Turn) -> None:
    buttons = [_button(CATEGORY_LABELS[slug], f"cat:{slug}") for slug in CATEGORIES]
    rows = tuple(tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2))
    turn.out.say(N_("intake.ask_category_all"), buttons=rows)


def _ask_where(turn: Turn) -> None:
    turn.out.say(
        N_("intake.ask_where"),
        buttons=((_button(N_("button.skip"), "where:skip"),),),
        ask_location=True,
        gemeente=turn.services.area.name,
    )


def _ask_when(turn: Turn) -> None:
    rows = tuple((_button(FREQUENCY_LABELS[f], f"when:{f.value}"),) for f in Frequency)
    turn.out.say(N_("intake.ask_when"), buttons=rows)


def _ask_privacy(turn: Turn) -> None:
    if turn.state.draft.category in REPRISAL_RISK_CATEGORIES:
        turn.out.say(N_("intake.reprisal_hint"), **turn.help_params())
    rows = tuple((_button(PRIVACY_LABELS[m], f"priv:{m.value}"),) for m in PrivacyMode)
    turn.out.say(N_("intake.ask_privacy"), buttons=rows)


def _place_message(turn: Turn) -> Message:
    draft = turn.state.draft
    if draft.buurt_name and draft.street:
        return Message(N_("place.street_in_buurt"), street=Verbatim(draft.street), buurt=Verbatim(draft.buurt_name))
    if draft.buurt_name:
        return Message(N_("place.buurt_in_wijk"), buurt=Verbatim(draft.buurt_name), wijk=Verbatim(draft.wijk_name or ""))
    if draft.wijk_name:
        return Message(N_("place.wijk"), wijk=Verbatim(draft.wijk_name))
    if draft.place_text:
        return Message(N_("place.as_typed"), place=Verbatim(draft.place_text))
    return Message(N_("place.none"))


def _ask_confirm(turn: Turn) -> None:
    draft = turn.state.draft
    turn.out.say(
        N_("intake.summary"),
        category=Message(CATEGORY_LABELS[draft.category or "overig"]),
        place=_place_message(turn),
        when=Message(FREQUENCY_LABELS[draft.frequency or Frequency.NOW.value]),
        privacy=Message(PRIVACY_LABELS[draft.privacy_mode or PrivacyMode.ANONYMOUS.value]),
        photos=len(draft.photo_file_ids),
        text=Verbatim(draft.text),
        buttons=(
            (_button(N_("button.send"), "send"),),
            (_button(N_("button.change"), "edit"), _button(N_("button.cancel"), "cancel")),
        ),
    )


def _place_from_text(turn: Turn, text: str) -> None:
    if not has_words(text):
        _ask_where(turn)
        return
    place = turn.services.area.locate_text(text)
    draft = turn.state.draft
    if place is None:
        draft.place_text = text[:300]
        turn.out.say(N_("intake.place_not_found"), gemeente=turn.services.area.name)
    else:
        _store_place(turn, place)
        draft.place_text = text[:300]
        turn.out.say(N_("intake.place_found"), place=_place_message(turn))
    turn.state.step = Step.WHEN
    _ask_when(turn)


def _store_place(turn: Turn, place) -> None:
    draft = turn.state.draft
    draft.wijk_id, draft.wijk_name = place.wijk_id, place.wijk_name
    draft.buurt_id, draft.buurt_name, draft.street = place.buurt_id, place.buurt_name, place.street


def on_location(turn: Turn, latitude: float, longitude: float) -> None:
    if turn.state.step in (Step.IDLE, Step.CONFIRM_FORGET, Step.ANSWER_QUESTION,
                            Step.FOLLOWUP_COMMENT):
        turn.out.say(N_("intake.location_without_report"))
        return
    draft = turn.state.draft
    place = turn.services.area.locate_point(latitude, longitude)
    if place is None:
        turn.out.say(N_("intake.place_outside"), gemeente=turn.services.area.name)
    else:
        draft.latitude, draft.longitude = latitude, longitude
        _store_place(turn, place)
        turn.out.say(N_("intake.place_found"), place=_place_message(turn))
    if turn.state.step is Step.WHERE:
        turn.state.step = Step.WHEN
    ask_current(turn)


async def on_photo(turn: Turn, file_id: str, caption: str | None) -> None:
    if turn.state.step in (Step.IDLE, Step.CONFIRM_FORGET, Step.ANSWER_QUESTION,
                            Step.FOLLOWUP_COMMENT):
        turn.state.start_draft()
    draft = turn.state.draft
    if len(draft.photo_file_ids) >= MAX_PHOTOS:
        turn.out.say(N_("intake.too_many_photos"), limit=MAX_PHOTOS)
        return
    draft.photo_file_ids.append(file_id)
    turn.out.say(N_("intake.photo_added"))
    if caption and turn.state.step is Step.DESCRIBE:
        await on_text(turn, caption)
    else:
        ask_current(turn)


async def on_button(turn: Turn, data: str) -> None:
    action, _, value = data.removeprefix(PREFIX).partition(":")
    step, draft = turn.state.step, turn.state.draft
    if action == "cat" and step is Step.CATEGORY:
        if value == "*":
            _ask_all_categories(turn)
            return
        if value not in CATEGORIES:
            raise StaleButton
        draft.category = value
        turn.state.step = Step.WHERE
    elif action == "where" and step is Step.WHERE:
        turn.state.step = Step.WHEN
    elif action == "when" and step is Step.WHEN and value in Frequency._value2member_map_:
        draft.frequency = value
        turn.state.step = Step.PRIVACY
    elif action == "priv" and step is Step.PRIVACY and value in PrivacyMode._value2member_map_:
        draft.privacy_mode = value
        turn.state.step = Step.CONFIRM
    elif action == "edit" and step is Step.CONFIRM:
        turn.state.step = Step.CATEGORY
    elif action == "cancel" and step is Step.CONFIRM:
        turn.state.step = Step.IDLE
        turn.out.say(N_("intake.cancelled"))
        return
    elif action == "send" and step is Step.CONFIRM:
        await _send(turn)
        return
    else:
        raise StaleButton
    ask_current(turn)


class StaleButton(Exception):
    """A button from an earlier question (or forged data): answered by repeating the open question."""


async def _send(turn: Turn) -> None:
    draft, services, now = turn.state.draft, turn.services, turn.now
    category = draft.category or "overig"
    advice_only = draft.privacy_mode == PrivacyMode.ADVICE_ONLY
    if advice_only:
        partner_ids, rule_name = (), None
    else:
        outcome = services.router.route(
            category=category, urgency=draft.urgency, wijk_id=draft.wijk_id, buurt_id=draft.buurt_id, at=now
        )
        partner_ids, rule_name = outcome.partner_ids, outcome.rule_name
    expected_by = None if advice_only else services.area.expected_answer_date(category, now)
    saved = await services.store.add_melding(NewMelding(
        reporter_id=turn.reporter.id,
        text=draft.text,
        language=draft.language or turn.reporter.locale,
        category=category,
        urgency=draft.urgency,
        acute_kind=draft.acute_kind,
        frequency=draft.frequency,
        privacy_mode=draft.privacy_mode or PrivacyMode.ANONYMOUS.value,
        status=(Status.AFGEHANDELD if advice_only else Status.DOORGEZET).value,
        wijk_id=draft.wijk_id,
        buurt_id=draft.buurt_id,
        place_text=draft.place_text,
        latitude=draft.latitude,
        longitude=draft.longitude,
        photo_file_ids=tuple(draft.photo_file_ids),
        partner_ids=partner_ids,
        routing_rule=rule_name,
        created_at=now,
        expected_by=expected_by,
        closing_message="advice only: not forwarded" if advice_only else None,
    ))
    turn.state.step = Step.IDLE
    reference = Verbatim(saved.reference)
    if advice_only:
        turn.out.say(N_("receipt.advice_only"), reference=reference)
    else:
        partners = tuple(services.area.partner_name(pid) for pid in partner_ids)
        turn.out.say(N_("receipt.sent"), reference=reference, partners=partners, date=expected_by)
        turn.out.notices.extend(cards.card_notices(_view(turn, saved, partner_ids), services.area, partner_ids))
        turn.out.events.append(MeldingConfirmed(saved.id, saved.reference, partner_ids, draft.urgency == Urgency.ACUUT))
    turn.out.say(GUIDANCE[category], **turn.help_params())
    turn.out.say(N_("receipt.whats_next"))
    wijk_updates.offer(turn, draft.wijk_id)


def _view(turn: Turn, saved: MeldingSummary, partner_ids: tuple[str, ...]) -> MeldingView:
    draft, reporter = turn.state.draft, turn.reporter
    return MeldingView(
        id=saved.id, reference=saved.reference, text=draft.text, category=saved.category, urgency=draft.urgency,
        acute_kind=draft.acute_kind, frequency=draft.frequency, privacy_mode=draft.privacy_mode or "anonymous",
        status=saved.status, wijk_id=draft.wijk_id, buurt_id=draft.buurt_id, place_text=draft.place_text,
        created_at=saved.created_at, expected_by=saved.expected_by, last_activity_at=saved.created_at,
        partner_ids=partner_ids, photo_file_ids=tuple(draft.photo_file_ids), reporter_chat_id=reporter.chat_id,
        reporter_locale=reporter.locale, reporter_stopped=reporter.stopped,
    )
