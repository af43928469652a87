from tests.unit.dialogs.conversation import Resident
from tests.unit.dialogs.fakes import fake_services
from tests.unit.dialogs.test_intake import complete_intake


async def test_start_welcomes_and_asks_for_the_story():
    resident = Resident(fake_services())
    await resident.says("/start")
    assert resident.keys == ["start.welcome", "intake.ask_describe"]


async def test_melden_starts_a_fresh_intake_even_midway():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.says("/melden")
    assert resident.keys == ["intake.ask_describe"]


async def test_mijnmeldingen_lists_own_meldingen_only_with_public_status():
    services = fake_services()
    mine, other = Resident(services, chat_id=1), Resident(services, chat_id=2)
    await mine.says("/mijnmeldingen")
    assert mine.keys == ["mine.none"]
    await complete_intake(mine)
    await complete_intake(other)
    await mine.says("/mijnmeldingen")
    assert mine.keys == ["mine.header", "mine.item"]
    assert mine.replies[0].message.count == 1
    item = mine.replies[1].message
    assert item.param("reference").text == "BL-1001"
    assert item.param("status").key == "status.ontvangen"


async def test_taal_offers_four_languages_and_sets_the_choice():
    services = fake_services()
    resident = Resident(services)
    await resident.says("/taal")
    assert [row[0].data for row in resident.replies[0].buttons] == ["lang:nl", "lang:ar", "lang:tr", "lang:en"]
    await resident.presses("lang:en")
    assert resident.keys == ["language.set"] and resident.locale == "en"
    assert services.store.store.reporters[1].locale_chosen


async def test_switching_language_midway_repeats_the_open_question():
    resident = Resident(fake_services())
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.says("/taal")
    await resident.presses("lang:ar")
    assert resident.keys == ["language.set", "intake.ask_category"]


async def test_hulp_and_privacy_carry_the_configured_numbers():
    resident = Resident(fake_services())
    await resident.says("/hulp")
    assert resident.keys == ["help.overview"]
    assert resident.replies[0].message.param("police") == "0900-8844"
    await resident.says("/privacy")
    assert resident.keys == ["privacy.explained"]


async def test_vergeet_asks_first_and_erases_on_yes():
    services = fake_services()
    resident = Resident(services)
    await complete_intake(resident)
    await resident.says("/vergeet")
    assert resident.keys == ["forget.ask"]
    await resident.presses("forget:no")
    assert resident.keys == ["forget.kept"] and 1 in services.store.store.reporters
    await resident.says("/vergeet")
    await resident.presses("forget:yes")
    assert resident.keys == ["forget.done"]
    assert services.store.store.reporters == {} and services.store.store.states == {}
    assert len(services.store.store.meldingen) == 1


async def test_stop_sets_the_flag_and_start_clears_it():
    services = fake_services()
    resident = Resident(services)
    await resident.says("/stop")
    assert resident.keys == ["stop.done"] and services.store.store.reporters[1].stopped
    await resident.says("/start")
    assert not services.store.store.reporters[1].stopped


async def test_unknown_command_and_english_aliases():
    resident = Resident(fake_services())
    await resident.says("/doesnotexist")
    assert resident.keys == ["command.unknown"]
    await resident.says("/help")
    assert resident.keys == ["help.overview"]
    await resident.says("/Melden@BuurtlijnBot")
    assert resident.keys == ["intake.ask_describe"]
