"""The fake Bot API, driven by the real aiogram client as the bot will drive it."""

import asyncio
import time

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    ChatMemberBanned,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyParameters,
)

from tests.support.fake_bot_api import TEST_TOKEN, FakeBotAPI, TelegramLimits

RESIDENT = 1001
GROUP = -1001234567890


class LoopbackSession(AiohttpSession):
    """AiohttpSession without its 250 ms pause on close, which lets TLS connections drain.

    Over plain HTTP to 127.0.0.1 there is nothing to drain, and the pause would dominate the
    run time of these tests.
    """

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def client_for(api: FakeBotAPI) -> Bot:
    return Bot(TEST_TOKEN, session=LoopbackSession(api=TelegramAPIServer.from_base(api.base_url)))


@pytest.fixture
async def api():
    async with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
async def bot(api):
    async with client_for(api) as client:
        yield client


def yes_no_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="Ja", callback_data="confirm:yes")],
            [InlineKeyboardButton(text="Nee", callback_data="confirm:no")],
        ]
    )


async def test_get_me_describes_the_bot_of_the_token(bot):
    me = await bot.get_me()

    assert (me.id, me.is_bot, me.username) == (123456, True, "buurtlijn_test_bot")


async def test_sent_message_with_inline_keyboard_is_read_back(api, bot):
    api.user_sends_text(RESIDENT, "/start", first_name="Fatima")
    sent = await bot.send_message(
        RESIDENT, "<b>Klopt</b> dit?", parse_mode="HTML", reply_markup=yes_no_keyboard()
    )

    message = await api.next_message(RESIDENT)

    assert message["kind"] == "message"
    assert message["text"] == "Klopt dit?"
    assert message["message_id"] == sent.message_id == 2
    assert message["chat"] == {"id": RESIDENT, "type": "private", "first_name": "Fatima"}
    assert message["from"]["is_bot"] is True
    assert api.buttons(message) == [("Ja", "confirm:yes"), ("Nee", "confirm:no")]
    assert sent.reply_markup.inline_keyboard[1][0].callback_data == "confirm:no"
    [call] = api.sent
    assert call.method == "sendMessage"
    assert call.payload["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "confirm:yes"
    assert api.transcript(RESIDENT) == ["Klopt dit?"]


async def test_reply_keyboards_are_observable_but_not_echoed_to_the_bot(api, bot):
    share_location = KeyboardButton(text="Deel locatie", request_location=True)
    keyboard = ReplyKeyboardMarkup(keyboard=[[share_location]])

    sent = await bot.send_message(RESIDENT, "Waar?", reply_markup=keyboard)

    assert sent.reply_markup is None
    assert api.buttons(await api.next_message(RESIDENT)) == [("Deel locatie", None)]


async def test_replies_quote_the_original_message(api, bot):
    question = api.user_sends_text(RESIDENT, "Hoe meld ik iets?")["message"]

    sent = await bot.send_message(
        RESIDENT, "Zo:", reply_parameters=ReplyParameters(message_id=question["message_id"])
    )

    assert sent.reply_to_message.text == "Hoe meld ik iets?"
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(RESIDENT, "Zo:", reply_to_message_id=999)


async def test_invalid_html_is_rejected_like_telegram(bot):
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "br"'):
        await bot.send_message(RESIDENT, "regel<br>regel", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(RESIDENT, "x" * 4097)


async def test_edits_are_events_and_unchanged_edits_are_refused(api, bot):
    sent = await bot.send_message(RESIDENT, "Klopt dit?", reply_markup=yes_no_keyboard())
    await api.next_message(RESIDENT)

    edited = await bot.edit_message_text("Dank u.", chat_id=RESIDENT, message_id=sent.message_id)

    event = await api.next_message(RESIDENT)
    assert (event["kind"], event["message_id"]) == ("edit", sent.message_id)
    assert event["text"] == "Dank u."
    assert edited.edit_date is not None
    assert "reply_markup" not in api.current_message(RESIDENT, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("Dank u.", chat_id=RESIDENT, message_id=sent.message_id)


async def test_edit_reply_markup_changes_the_keyboard_without_an_event(api, bot):
    sent = await bot.send_message(RESIDENT, "Klopt dit?", reply_markup=yes_no_keyboard())

    await bot.edit_message_reply_markup(chat_id=RESIDENT, message_id=sent.message_id)

    assert api.buttons(api.current_message(RESIDENT, sent.message_id)) == []
    assert api.transcript(RESIDENT) == ["Klopt dit?"]
    with pytest.raises(AssertionError, match="no bot message with an inline keyboard"):
        api.user_presses_button(RESIDENT, "confirm:yes")


async def test_button_press_arrives_as_callback_query_that_can_be_answered_once(api, bot):
    sent = await bot.send_message(RESIDENT, "Klopt dit?", reply_markup=yes_no_keyboard())
    api.user_presses_button(RESIDENT, "confirm:no")

    [update] = await bot.get_updates(timeout=1)
    query = update.callback_query

    assert query.data == "confirm:no"
    assert query.message.message_id == sent.message_id
    assert query.message.reply_markup.inline_keyboard[0][0].text == "Ja"
    assert query.from_user.id == RESIDENT
    assert await bot.answer_callback_query(query.id, text="Genoteerd") is True
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(AssertionError, match="no button with callback_data"):
        api.user_presses_button(RESIDENT, "confirm:maybe")


async def test_long_poll_returns_as_soon_as_an_update_is_injected(api, bot):
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_until(lambda: api.calls and api.calls[-1].method == "getUpdates")
    started = time.monotonic()

    api.user_sends_text(RESIDENT, "Hallo")
    [update] = await poll

    assert time.monotonic() - started < 1
    assert update.message.text == "Hallo"


async def test_empty_long_poll_waits_for_its_timeout(bot):
    started = time.monotonic()

    assert await bot.get_updates(timeout=1) == []
    assert time.monotonic() - started >= 0.9


async def test_offset_confirms_earlier_updates(api, bot):
    first = api.user_sends_text(RESIDENT, "een")
    second = api.user_sends_text(RESIDENT, "twee")

    both = await bot.get_updates()
    only_second = await bot.get_updates(offset=second["update_id"])

    assert [update.update_id for update in both] == [first["update_id"], second["update_id"]]
    assert [update.update_id for update in only_second] == [second["update_id"]]
    assert api.pending_updates == [second]
    assert await bot.get_updates(offset=second["update_id"] + 1) == []


async def test_every_injected_kind_parses_into_aiogram_types(api, bot):
    api.user_sends_text(RESIDENT, "/start melding", language_code="ar")
    api.user_shares_location(RESIDENT, 52.0907, 5.1214)
    api.user_sends_photo(RESIDENT, caption="Troep bij de flat")
    api.user_sends_sticker(RESIDENT)
    api.user_sends_voice(RESIDENT, duration=7)
    api.user_edits_message(RESIDENT, 1, "/start iets anders")
    api.group_message(GROUP, 2002, "Nieuwe melding?", first_name="Buurtverbinder")

    updates = await bot.get_updates(allowed_updates=[])
    command, location, photo, sticker, voice, edited, group = updates

    assert command.message.text == "/start melding"
    [entity] = command.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    assert command.message.from_user.language_code == "ar"
    assert location.message.location.latitude == 52.0907
    assert location.message.from_user.language_code == "ar"
    assert photo.message.caption == "Troep bij de flat"
    assert [size.width for size in photo.message.photo] == [90, 320, 1280]
    assert sticker.message.sticker.emoji == "👍"
    assert voice.message.voice.duration == 7
    assert edited.edited_message.message_id == 1
    assert edited.edited_message.text == "/start iets anders"
    assert edited.edited_message.edit_date is not None
    assert group.message.chat.type == "supergroup"
    assert group.message.chat.title
    assert group.message.from_user.id == 2002


async def test_updates_outside_allowed_updates_are_never_delivered(api, bot):
    await bot.get_updates(allowed_updates=["message"])
    api.user_sends_text(RESIDENT, "eerst")
    api.user_edits_message(RESIDENT, 1, "daarna")

    assert [update.event_type for update in await bot.get_updates()] == ["message"]


async def test_photos_round_trip_through_upload_file_id_and_download(api, bot):
    upload = BufferedInputFile(b"\xff\xd8jpeg", "kaart.jpg")
    uploaded = await bot.send_photo(RESIDENT, upload, caption="Kaart")
    resent = await bot.send_photo(RESIDENT, uploaded.photo[-1].file_id)
    api.user_sends_photo(RESIDENT)
    [update] = await bot.get_updates()

    file = await bot.get_file(update.message.photo[-1].file_id)
    downloaded = await bot.download_file(file.file_path)

    assert (await api.next_message(RESIDENT))["kind"] == "photo"
    assert resent.photo == uploaded.photo
    assert api.transcript(RESIDENT) == ["Kaart", "[photo]"]
    assert downloaded.read().startswith(b"\xff\xd8")
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_photo(RESIDENT, "no-such-file")


async def test_housekeeping_methods(api, bot):
    commands = [BotCommand(command="melden", description="Iets melden")]

    assert await bot.set_my_commands(commands, language_code="nl")
    dutch_commands = await bot.get_my_commands(language_code="nl")
    assert [command.command for command in dutch_commands] == ["melden"]
    assert api.my_commands("nl") == [{"command": "melden", "description": "Iets melden"}]
    assert await bot.delete_my_commands(language_code="nl")
    assert await bot.get_my_commands(language_code="nl") == []
    assert await bot.send_chat_action(RESIDENT, "typing")
    assert (await bot.send_location(RESIDENT, 52.09, 5.12)).location.longitude == 5.12
    assert await bot.set_webhook("https://example.invalid/hook")
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.log_out()
    assert await bot.close()


async def test_other_encodings_and_unknown_methods(api):
    methods = f"{api.base_url}/bot{TEST_TOKEN}"
    async with aiohttp.ClientSession() as http:
        as_json = await http.post(f"{methods}/sendMessage", json={"chat_id": 5, "text": "1"})
        as_form = await http.post(f"{methods}/SENDMESSAGE", data={"chat_id": "5", "text": "2"})
        unknown = await http.post(f"{methods}/sendDice", json={"chat_id": 5})

        assert (await as_json.json())["result"]["text"] == "1"
        assert (await as_form.json())["result"]["text"] == "2"
        assert unknown.status == 404
        assert await unknown.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }


async def test_next_message_timeout_shows_the_conversation(api, bot):
    api.user_sends_text(RESIDENT, "Er ligt afval")
    await bot.send_message(RESIDENT, "Dank u")
    await api.next_message(RESIDENT)

    expected_report = r"(?s)nothing new to chat 1001.*resident: 'Er ligt afval'.*bot: 'Dank u'"
    with pytest.raises(AssertionError, match=expected_report):
        await api.next_message(RESIDENT, timeout=0.05)


async def test_fault_429_raises_retry_after(api, bot):
    api.fail_next("sendMessage", "429", retry_after=7)

    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(RESIDENT, "Hallo")

    assert raised.value.retry_after == 7
    await bot.send_message(RESIDENT, "Hallo")
    assert [call.outcome for call in api.calls] == ["429", "ok"]
    assert api.transcript(RESIDENT) == ["Hallo"]


async def test_fault_500_raises_server_error_for_the_given_chat_and_count(api, bot):
    api.fail_next("sendMessage", "500", count=2, chat_id=RESIDENT)

    await bot.send_message(RESIDENT + 1, "andere chat")
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(RESIDENT, "Hallo")
    await bot.send_message(RESIDENT, "Hallo")


async def test_fault_403_and_blocking_raise_forbidden(api, bot):
    api.fail_next("sendPhoto", "403")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_photo(RESIDENT, "https://example.invalid/a.jpg")

    api.user_blocks_bot(RESIDENT)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(RESIDENT, "Hallo")
    api.user_sends_text(RESIDENT, "/start")
    await bot.send_message(RESIDENT, "Welkom terug")

    blocked, unblocked, _ = await bot.get_updates()
    assert isinstance(blocked.my_chat_member.new_chat_member, ChatMemberBanned)
    assert unblocked.my_chat_member.new_chat_member.status == "member"


async def test_fault_timeout_times_the_client_out_and_does_not_delay_stop():
    api = FakeBotAPI()
    await api.start()
    async with client_for(api) as client:
        api.fail_next("sendMessage", "timeout")
        with pytest.raises(TelegramNetworkError, match="timeout"):
            await client.send_message(RESIDENT, "Hallo", request_timeout=0.2)
    started = time.monotonic()

    await api.stop()

    assert time.monotonic() - started < 2
    assert api.calls[-1].outcome == "timeout"
    assert api.transcript(RESIDENT) == []


async def test_private_chat_flood_limit_answers_429():
    async with FakeBotAPI(enforce_limits=True) as api, client_for(api) as client:
        outcomes = []
        for number in range(5):
            try:
                await client.send_message(RESIDENT, f"bericht {number}")
                outcomes.append("ok")
            except TelegramRetryAfter as error:
                outcomes.append(error.retry_after)

        assert outcomes == ["ok", "ok", "ok", 1, 1]
        assert api.too_many_requests == 2
        assert len(api.send_timestamps) == 3


async def test_group_and_global_flood_limits():
    limits = TelegramLimits(messages_per_second=4, group_messages_per_minute=2)
    async with FakeBotAPI(enforce_limits=True, limits=limits) as api, client_for(api) as client:
        for _ in range(2):
            await client.send_message(GROUP, "groep")
        with pytest.raises(TelegramRetryAfter) as group_limited:
            await client.send_message(GROUP, "groep")
        for chat_id in (1, 2):
            await client.send_message(chat_id, "privé")
        with pytest.raises(TelegramRetryAfter):
            await client.send_message(3, "privé")

        assert 55 <= group_limited.value.retry_after <= 60
        assert api.too_many_requests == 2
