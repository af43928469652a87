"""A resident reports through the real bot process and the fake Telegram, in each of the four languages."""
import re
import sqlite3

import pytest

from tests.e2e.telegram_people import Resident

INSIDE_OUDE_DORP = (52.3045, 5.2405)

STORIES = {
    "nl": "Elke avond hangen jongeren rond bij de ingang van de flat. Ze schreeuwen naar mensen die langslopen.",
    "ar": "كل مساء يتجمع شباب عند مدخل العمارة ويصرخون على المارة ويضايقون الناس",
    "tr": "Her akşam gençler apartmanın girişinde toplanıyor, geçen insanlara bağırıp laf atıyorlar.",
    "en": "Every evening a group of young people hangs around the entrance of our flats and shouts at people walking by.",
}


def database_path(database_url: str) -> str:
    return database_url.split("///", 1)[1]


def stored_meldingen(database_url: str) -> list[tuple]:
    with sqlite3.connect(database_path(database_url)) as connection:
        return connection.execute(
            "SELECT reference, category, language, wijk_id, status FROM meldingen ORDER BY id").fetchall()


@pytest.mark.parametrize("locale", ["nl", "ar", "tr", "en"])
async def test_full_intake_in_each_language(bot_api, bot, database_url, locale):
    resident = Resident(bot_api, chat_id=4100 + len(locale) + ord(locale[0]), locale=locale)
    await resident.says("/start")
    await resident.expect("start.welcome")
    await resident.expect("intake.ask_describe")
    reference = await resident.reports(STORIES[locale], "jongerenoverlast",
                                       latitude=INSIDE_OUDE_DORP[0], longitude=INSIDE_OUDE_DORP[1])
    await resident.expect("guidance.jongerenoverlast")
    [(stored_reference, category, language, wijk, status)] = stored_meldingen(database_url)
    assert (stored_reference, category, language, wijk, status) == (reference, "jongerenoverlast", locale,
                                                                     "centrum", "doorgezet")


async def test_restart_mid_conversation_continues_where_the_resident_was(bot_api, bot, database_url):
    resident = Resident(bot_api, chat_id=4200, locale="tr")
    await resident.says(STORIES["tr"])
    await resident.choose_category("jongerenoverlast")
    await resident.expect("intake.ask_where")
    bot.kill()
    bot.start()
    await bot.wait_ready(bot_api)
    bot_api.user_shares_location(resident.chat_id, *INSIDE_OUDE_DORP)
    await resident.expect("intake.place_found")
    await resident.expect("intake.ask_when")
    await resident.press("i:when:now")
    await resident.expect("intake.ask_privacy")
    await resident.press("i:priv:contact")
    await resident.expect("intake.summary")
    await resident.press("i:send")
    receipt = await resident.expect("receipt.sent")
    assert re.search(r"BL-\d+", receipt["text"])
    assert len(stored_meldingen(database_url)) == 1


async def test_bad_input_gets_sensible_replies_and_loses_nothing(bot_api, bot, database_url):
    resident = Resident(bot_api, chat_id=4300, locale="nl")
    reference = await resident.reports(STORIES["nl"], "jongerenoverlast",
                                       latitude=INSIDE_OUDE_DORP[0], longitude=INSIDE_OUDE_DORP[1])

    bot_api.user_sends_sticker(resident.chat_id)
    await resident.expect("unsupported.sticker")
    bot_api.user_sends_voice(resident.chat_id)
    await resident.expect("unsupported.voice")
    await resident.says("/melden")
    await resident.expect("intake.ask_describe")
    await resident.says("🙂🙂🙂")
    await resident.expect("intake.need_words")
    long_story = bot_api.user_sends_text(resident.chat_id, "afval " * 2000, language_code="nl")
    await resident.expect("intake.text_truncated")
    await resident.expect("intake.ask_category")
    bot_api.user_edits_message(resident.chat_id, long_story["message"]["message_id"], "afval bij de container")
    await resident.expect("unsupported.edited")
    await resident.expect("intake.ask_category")
    bot_api.raw_update({"callback_query": {
        "id": "forged-1", "from": {"id": resident.chat_id, "is_bot": False, "first_name": "Sam"},
        "chat_instance": "1", "data": "zz:not-a-button",
        "message": {"message_id": resident.last["message_id"], "date": 0,
                    "chat": {"id": resident.chat_id, "type": "private"}, "text": "x"},
    }})
    await resident.expect("button.stale")
    await resident.choose_category("openbare_ruimte")
    await resident.expect("intake.ask_where")
    bot_api.user_shares_location(resident.chat_id, 48.8566, 2.3522)
    await resident.expect("intake.place_outside")

    bot_api.group_message(-100777, 4300, "hallo groep, hier is mijn melding")
    await resident.says("/mijnmeldingen")
    listing = await resident.expect("mine.item")
    assert reference in listing["text"]
    assert not [call for call in bot_api.sent if call.chat_id == -100777]
    assert bot.running
    assert [row[0] for row in stored_meldingen(database_url)] == [reference]
