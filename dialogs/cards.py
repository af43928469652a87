"""The card a partner receives for a melding: what, where, when, how to treat the reporter, and buttons."""
from __future__ import annotations

from dialogs.labels import CATEGORY_LABELS, FREQUENCY_LABELS, INTERNAL_STATUS_LABELS
from dialogs.ports import Area
from dialogs.records import MeldingView
from dialogs.replies import N_, Button, Message, Notice, Reply, Verbatim
from dialogs.vocabulary import PrivacyMode, Urgency

PARTNER_LOCALE = "nl"
CARD_PREFIX = "p:"

REPORTER_LABELS = {
    PrivacyMode.WITH_CONTACT.value: N_("card.reporter_contact"),
    PrivacyMode.ANONYMOUS.value: N_("card.reporter_anonymous"),
}


def card_buttons(melding_id: int) -> tuple[tuple[Button, ...], ...]:
    def button(key: str, action: str) -> Button:
        return Button(Message(key), f"{CARD_PREFIX}{action}:{melding_id}")

    return (
        (button(N_("card.button_accept"), "acc"), button(N_("card.button_ask"), "ask")),
        (button(N_("card.button_forward"), "fwd"), button(N_("card.button_status"), "st")),
        (button(N_("card.button_close"), "cl"),),
    )


def place_of(melding: MeldingView, area: Area) -> Message:
    wijk, buurt = area.area_names(melding.wijk_id, melding.buurt_id)
    if buurt or wijk:
        return Message(N_("card.place_area"), area=Verbatim(" / ".join(n for n in (buurt, wijk) if n)),
                       typed=Verbatim(melding.place_text or "—"))
    if melding.place_text:
        return Message(N_("place.as_typed"), place=Verbatim(melding.place_text))
    return Message(N_("place.none"))


def card(melding: MeldingView, area: Area) -> Reply:
    key = N_("card.melding_acute") if melding.urgency == Urgency.ACUUT else N_("card.melding")
    return Reply(Message(
        key,
        reference=Verbatim(melding.reference),
        category=Message(CATEGORY_LABELS[melding.category]),
        place=place_of(melding, area),
        when=Message(FREQUENCY_LABELS[melding.frequency or "now"]),
        reported_at=melding.created_at,
        reporter=Message(REPORTER_LABELS.get(melding.privacy_mode, N_("card.reporter_anonymous"))),
        status=Message(INTERNAL_STATUS_LABELS[melding.status]),
        text=Verbatim(melding.text),
    ), card_buttons(melding.id))


def card_notices(melding: MeldingView, area: Area, partner_ids: tuple[str, ...]) -> list[Notice]:
    """A card plus its photos for each partner chat; partners without a chat are logged by the caller."""
    notices = []
    for partner_id in partner_ids:
        chat_id = area.partner_chat(partner_id)
        if chat_id is None:
            continue
        notices.append(Notice(chat_id, PARTNER_LOCALE, card(melding, area), "card", melding.id))
        notices.extend(
            Notice(chat_id, PARTNER_LOCALE,
                   Reply(Message(N_("card.photo"), reference=Verbatim(melding.reference)), photo_file_id=file_id),
                   "card_photo", melding.id)
            for file_id in melding.photo_file_ids
        )
    return notices


def forward_note(melding: MeldingView, chat_id: int, from_partner: str, reason: str) -> Notice:
    return Notice(chat_id, PARTNER_LOCALE, Reply(Message(
        N_("card.forwarded_by"), reference=Verbatim(melding.reference), partner=Verbatim(from_partner),
        reason=Verbatim(reason))), "card_note", melding.id)
