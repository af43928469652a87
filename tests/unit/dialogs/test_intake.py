from dialogs.events import UnsupportedReceived
from dialogs.state import Step
from tests.unit.dialogs.conversation import Resident
from tests.unit.dialogs.fakes import fake_services


async def complete_intake(resident: Resident, text: str = "Elke avond hangjongeren bij het winkelcentrum") -> None:
    await resident.says(text)
    await resident.presses("i:cat:jongerenoverlast")
    await resident.says("Kerkstraat 12")
    await resident.presses("i:when:recurring")
    await resident.presses("i:priv:anonymous")
    await resident.presses("i:send")


async def test_free_text_starts_an_intake_and_proposes_top_candidates_plus_something_else():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    assert resident.keys == ["intake.ask_category"]
    offered = [row[0].data for row in resident.replies[0].buttons]
    assert offered == ["i:cat:jongerenoverlast", "i:cat:vandalisme", "i:cat:overig", "i:cat:*"]


async def test_something_else_offers_all_fifteen_categories():
    resident = Resident(fake_services())
    await resident.says("Er is iets met de lantaarnpaal")
    await resident.presses("i:cat:*")
    assert resident.keys == ["intake.ask_category_all"]
    assert sum(len(row) for row in resident.replies[0].buttons) == 15


async def test_each_step_asks_one_question_in_order():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses("i:cat:jongerenoverlast")
    assert resident.keys == ["intake.ask_where"] and resident.replies[0].ask_location
    await resident.says("Kerkstraat 12")
    assert resident.keys == ["intake.place_found", "intake.ask_when"]
    await resident.presses("i:when:recurring")
    assert resident.keys == ["intake.reprisal_hint", "intake.ask_privacy"]
    await resident.presses("i:priv:anonymous")
    assert resident.keys == ["intake.summary"]
    await resident.presses("i:send")
    # The melding has a wijk, so news about it is offered once, last.
    assert resident.keys == ["receipt.sent", "guidance.jongerenoverlast", "receipt.whats_next", "optin.ask"]


async def test_receipt_names_reference_partners_and_expected_date():
    services = fake_services()
    resident = Resident(services)
    await complete_intake(resident)
    receipt = resident.replies[0].message
    assert receipt.param("reference").text == "BL-1001"
    assert receipt.param("partners") == ("Partner jongerenwerk", "Partner handhaving")
    assert str(receipt.param("date")) == "2026-11-26"
    stored = services.store.store.meldingen[1].new
    assert (stored.category, stored.frequency, stored.privacy_mode, stored.status) == (
        "jongerenoverlast", "recurring", "anonymous", "doorgezet")
    assert (stored.wijk_id, stored.buurt_id, stored.place_text) == ("centrum", "oude-dorp", "Kerkstraat 12")
    assert resident.events[0].reference == "BL-1001"


async def test_acute_message_gets_112_before_any_question_and_is_still_recorded():
    services = fake_services()
    resident = Resident(services)
    await resident.says("Er staat nu een man met een mes voor de deur")
    assert resident.keys == ["safety.call_112", "intake.ask_category"]
    await resident.presses("i:cat:overig")
    await resident.presses("i:where:skip")
    await resident.presses("i:when:now")
    await resident.presses("i:priv:contact")
    await resident.presses("i:send")
    stored = services.store.store.meldingen[1].new
    assert stored.urgency == "acuut" and stored.acute_kind == "danger"
    assert resident.events[0].acute


async def test_suicide_signal_gets_113():
    resident = Resident(fake_services())
    await resident.says("Mijn buurman praat steeds over zelfmoord")
    assert resident.keys[0] == "safety.call_113"


async def test_danger_in_a_later_answer_also_comes_first_and_only_once():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses("i:cat:jongerenoverlast")
    await resident.says("hij heeft een mes bij de Kerkstraat")
    assert resident.keys[0] == "safety.call_112"
    await resident.presses("i:when:now")
    assert "safety.call_112" not in resident.keys


async def test_advice_only_is_not_routed_and_closed_at_once():
    services = fake_services()
    resident = Resident(services)
    await resident.says("De buren maken elke nacht lawaai")
    await resident.presses("i:cat:burenoverlast")
    await resident.presses("i:where:skip")
    await resident.presses("i:when:recurring")
    await resident.presses("i:priv:advice")
    await resident.presses("i:send")
    assert resident.keys == ["receipt.advice_only", "guidance.burenoverlast", "receipt.whats_next"]
    assert services.area.routed == []
    stored = services.store.store.meldingen[1].new
    assert stored.status == "afgehandeld" and stored.partner_ids == ()
    assert resident.events == []


async def test_shared_location_inside_and_outside_the_gemeente():
    resident = Resident(fake_services())
    await resident.says("Afval naast de container")
    await resident.presses("i:cat:openbare_ruimte")
    await resident.shares_location(48.85, 2.35)
    assert resident.keys == ["intake.place_outside", "intake.ask_when"]
    other = Resident(fake_services(), chat_id=8)
    await other.says("Afval naast de container")
    await other.presses("i:cat:openbare_ruimte")
    await other.shares_location(52.295, 5.25)
    assert other.keys == ["intake.place_found", "intake.ask_when"]


async def test_unknown_typed_place_is_kept_as_typed():
    services = fake_services()
    resident = Resident(services)
    await resident.says("Afval naast de container")
    await resident.presses("i:cat:openbare_ruimte")
    await resident.says("achter de sporthal")
    assert resident.keys == ["intake.place_not_found", "intake.ask_when"]


async def test_photo_is_attached_and_caption_is_the_story():
    services = fake_services()
    resident = Resident(services)
    await resident.sends_photo("photo-1", caption="Afval gedumpt bij de ingang")
    assert resident.keys == ["intake.photo_added", "intake.ask_category"]
    await resident.presses("i:cat:openbare_ruimte")
    await resident.sends_photo("photo-2")
    await resident.presses("i:where:skip")
    await resident.presses("i:when:today")
    await resident.presses("i:priv:anonymous")
    await resident.presses("i:send")
    stored = services.store.store.meldingen[1].new
    assert stored.photo_file_ids == ("photo-1", "photo-2")


async def test_emoji_only_text_asks_for_words():
    resident = Resident(fake_services())
    await resident.says("😡😡😡")
    assert resident.keys == ["intake.need_words"]


async def test_huge_text_is_truncated_not_lost():
    services = fake_services()
    resident = Resident(services)
    await resident.says("afval " * 2000)
    assert resident.keys == ["intake.text_truncated", "intake.ask_category"]
    state = await services.store.load_state(1)
    assert len(state["draft"]["text"]) == 4000


async def test_control_characters_are_dropped():
    services = fake_services()
    resident = Resident(services)
    await resident.says("afval\x00 bij\x1b de\u200b deur")
    state = await services.store.load_state(1)
    assert state["draft"]["text"] == "afval bij de deur"


async def test_stale_and_forged_buttons_repeat_the_open_question():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses_stale("i:send")
    assert resident.keys == ["button.stale", "intake.ask_category"]
    await resident.presses_stale("i:cat:not-a-category")
    assert resident.keys == ["button.stale", "intake.ask_category"]
    await resident.presses_stale("zz:garbage")
    assert resident.keys == ["button.stale", "intake.ask_category"]


async def test_typing_instead_of_pressing_a_button_reasks():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses("i:cat:jongerenoverlast")
    await resident.presses("i:where:skip")
    await resident.says("vaak")
    assert resident.keys == ["intake.use_buttons", "intake.ask_when"]


async def test_change_goes_back_to_category_keeping_the_story_and_cancel_sends_nothing():
    services = fake_services()
    resident = Resident(services)
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses("i:cat:jongerenoverlast")
    await resident.presses("i:where:skip")
    await resident.presses("i:when:now")
    await resident.presses("i:priv:anonymous")
    await resident.presses("i:edit")
    assert resident.keys == ["intake.ask_category"]
    await resident.presses("i:cat:vandalisme")
    await resident.presses("i:where:skip")
    await resident.presses("i:when:now")
    await resident.presses("i:priv:anonymous")
    assert resident.replies[0].message.param("text").text.startswith("Elke avond")
    await resident.presses("i:cancel")
    assert resident.keys == ["intake.cancelled"]
    assert services.store.store.meldingen == {}


async def test_unsupported_updates_get_an_answer_and_the_open_question_again():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.sends(UnsupportedReceived("sticker"))
    assert resident.keys == ["unsupported.sticker", "intake.ask_category"]
    await resident.sends(UnsupportedReceived("voice"))
    assert resident.keys == ["unsupported.voice", "intake.ask_category"]
    await resident.sends(UnsupportedReceived("edited"))
    assert resident.keys == ["unsupported.edited", "intake.ask_category"]
    await resident.sends(UnsupportedReceived("dice"))
    assert resident.keys == ["unsupported.other", "intake.ask_category"]


async def test_state_survives_between_turns_as_plain_data():
    services = fake_services()
    resident = Resident(services)
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses("i:cat:jongerenoverlast")
    assert (await services.store.load_state(1))["step"] == Step.WHERE.value
    again = Resident(services)
    again.replies = resident.replies
    await again.presses("i:where:skip")
    assert again.keys == ["intake.ask_when"]


async def test_language_follows_the_message_until_the_resident_chooses():
    services = fake_services()
    resident = Resident(services, language_code="nl")
    await resident.says("مرحبا، هناك قمامة كثيرة في الشارع")
    assert resident.locale == "ar"
    await resident.says("/taal")
    await resident.presses("lang:tr")
    assert resident.locale == "tr"
    await resident.says("the rubbish is still there on the street")
    assert resident.locale == "tr"


async def test_first_language_comes_from_telegram_language_code():
    for code, expected in (("ar", "ar"), ("tr-TR", "tr"), ("en-GB", "en"), ("nl", "nl"), ("pl", "nl"), (None, "nl")):
        resident = Resident(fake_services(), language_code=code)
        await resident.says("/hulp")
        assert resident.locale == expected, code
