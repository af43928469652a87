"""A stand-in for the Telegram Bot API, so end-to-end tests run without a network.

The real aiogram client talks to it over HTTP on 127.0.0.1, configured with
``AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))``. Tests inject what residents do
as real ``Update`` JSON, read back what the bot sent, inject faults and, on request, enforce
Telegram's flood limits.

Where a bot can observe Telegram's behaviour it is copied: error codes and descriptions, offset
confirmation in getUpdates, which keyboards are echoed back, "message is not modified", HTML that
does not parse, callback queries that can be answered once. Everything else is kept simple: any
chat can be written to, and Markdown parse modes are passed through unchecked.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import math
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

TEST_TOKEN = "123456:TEST-token"
BOT_USERNAME = "buurtlijn_test_bot"

FAULT_KINDS = ("429", "500", "403", "timeout")

# Methods whose successful calls are what "the bot sent", in `FakeBotAPI.sent`.
OUTGOING_METHODS = frozenset(
    "sendMessage sendPhoto sendLocation sendChatAction editMessageText editMessageReplyMarkup "
    "answerCallbackQuery".split()
)
# Methods that create a message: these count towards Telegram's flood limits.
MESSAGE_METHODS = frozenset({"sendMessage", "sendPhoto", "sendLocation"})

_TOKEN_PATTERN = re.compile(r"\d+:[A-Za-z0-9_-]+")
_LEADING_COMMAND = re.compile(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")
_BOT_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")

_DEFAULT_FIRST_NAME = "Sam"
_DEFAULT_LANGUAGE = "nl"
_MESSAGE_TEXT_LIMIT = 4096
_CAPTION_LIMIT = 1024
_CALLBACK_DATA_LIMIT = 64

# Telegram's default when a bot passes an empty allowed_updates list.
_OPT_IN_UPDATE_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_CHAT_ACTIONS = frozenset(
    "typing upload_photo record_video upload_video record_voice upload_voice upload_document "
    "choose_sticker find_location record_video_note upload_video_note".split()
)
_INLINE_BUTTON_ACTIONS = frozenset(
    "callback_data url web_app login_url switch_inline_query switch_inline_query_current_chat "
    "switch_inline_query_chosen_chat copy_text callback_game pay".split()
)
_HTML_TAGS = frozenset(
    "b strong i em u ins s strike del span tg-spoiler a tg-emoji code pre blockquote".split()
)
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)

# aiogram sends every non-string value JSON-encoded inside the form; these fields are plain
# strings and must stay strings even when they look like JSON ("123", "true").
_STRING_FIELDS = frozenset(
    "text caption parse_mode callback_query_id url photo file_id action language_code "
    "inline_message_id secret_token ip_address business_connection_id message_effect_id".split()
)


class BotAPIError(Exception):
    """An error answer, shaped and HTTP-coded like Telegram's."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def response(self) -> web.Response:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return web.json_response(body, status=self.code)


class _RequestDropped(Exception):
    """Raised to end a request without answering it, as a lost connection would."""


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content_type: str
    content: bytes


@dataclass
class RecordedCall:
    """One request the bot made. `time` is `time.monotonic()` at arrival.

    `outcome` is "ok", the HTTP error code as a string ("400", "429", ...), "timeout" for a
    dropped request, or "pending" while a long poll or a held request is still open.
    """

    method: str
    chat_id: int | str | None
    payload: dict[str, Any]
    time: float
    outcome: str = "pending"


@dataclass(frozen=True)
class TelegramLimits:
    """Telegram's flood limits, enforced with `FakeBotAPI(enforce_limits=True)`.

    A private chat gets a bucket of `private_chat_burst` messages that refills at
    `private_chat_messages_per_second`, because Telegram tolerates short bursts but not a
    sustained rate above one message per second.
    """

    messages_per_second: int = 30
    private_chat_messages_per_second: float = 1.0
    private_chat_burst: int = 3
    group_messages_per_minute: int = 20


@dataclass
class _Fault:
    method: str
    kind: str
    remaining: int
    chat_id: int | None
    retry_after: int

    def matches(self, call: RecordedCall) -> bool:
        return call.method == self.method and self.chat_id in (None, call.chat_id)

    def error(self) -> BotAPIError:
        """The answer for "429", "500" and "403" faults ("timeout" gets none)."""
        if self.kind == "429":
            description = f"Too Many Requests: retry after {self.retry_after}"
            return BotAPIError(429, description, retry_after=self.retry_after)
        code, description = {
            "500": (500, "Internal Server Error"),
            "403": (403, "Forbidden: bot was blocked by the user"),
        }[self.kind]
        return BotAPIError(code, description)


class _FloodControl:
    def __init__(self, limits: TelegramLimits) -> None:
        self._limits = limits
        self._recent_sends: deque[float] = deque()
        self._recent_group_sends: dict[int, deque[float]] = defaultdict(deque)
        self._private_allowance: dict[int, tuple[float, float]] = {}

    def retry_after(self, chat_id: int, now: float) -> int | None:
        """Seconds the bot must wait before this send would be accepted, or None if it is."""
        limits = self._limits
        waits = [_sliding_window_wait(self._recent_sends, limits.messages_per_second, 1.0, now)]
        if chat_id < 0:
            group_sends = self._recent_group_sends[chat_id]
            waits.append(
                _sliding_window_wait(group_sends, limits.group_messages_per_minute, 60.0, now)
            )
        else:
            missing = 1.0 - self._private_tokens(chat_id, now)
            waits.append(max(missing, 0.0) / self._limits.private_chat_messages_per_second)
        longest = max(waits)
        return max(1, math.ceil(longest)) if longest > 0 else None

    def record(self, chat_id: int, now: float) -> None:
        self._recent_sends.append(now)
        if chat_id < 0:
            self._recent_group_sends[chat_id].append(now)
        else:
            self._private_allowance[chat_id] = (self._private_tokens(chat_id, now) - 1.0, now)

    def _private_tokens(self, chat_id: int, now: float) -> float:
        burst = self._limits.private_chat_burst
        tokens, since = self._private_allowance.get(chat_id, (float(burst), now))
        refilled = tokens + (now - since) * self._limits.private_chat_messages_per_second
        return min(float(burst), refilled)


def _sliding_window_wait(sends: deque[float], capacity: int, window: float, now: float) -> float:
    while sends and sends[0] <= now - window:
        sends.popleft()
    return sends[0] + window - now if len(sends) >= capacity else 0.0


class _ChangeSignal:
    """Wakes every waiter whenever the fake's state changes."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            pass


@dataclass(frozen=True)
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes

    def as_telegram_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


class _FileStore:
    _PHOTO_SIZES = ((90, 68, 1_000), (320, 240, 12_000), (1280, 960, 90_000))

    def __init__(self) -> None:
        self._by_id: dict[str, _StoredFile] = {}
        self._by_path: dict[str, _StoredFile] = {}
        self._photo_sets: dict[str, list[dict[str, Any]]] = {}
        self._numbers = itertools.count(1)

    def add(self, folder: str, extension: str, content: bytes) -> _StoredFile:
        number = next(self._numbers)
        stored = _StoredFile(
            file_id=f"fake-{folder}-{number:06d}",
            file_unique_id=f"unique-{number:06d}",
            file_path=f"{folder}/file_{number}.{extension}",
            content=content,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def add_photo(self, content: bytes | None = None) -> list[dict[str, Any]]:
        """Store a photo in Telegram's three sizes; `content` None means generated bytes."""
        sizes = []
        for width, height, fake_size in self._PHOTO_SIZES:
            jpeg = content or _fake_bytes(b"\xff\xd8\xff\xe0", fake_size)
            stored = self.add("photos", "jpg", jpeg)
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "width": width,
                    "height": height,
                    "file_size": len(stored.content),
                }
            )
        for size in sizes:
            self._photo_sets[size["file_id"]] = sizes
        return sizes

    def photo_sizes(self, file_id: str) -> list[dict[str, Any]] | None:
        return self._photo_sets.get(file_id)

    def by_id(self, file_id: str) -> _StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> _StoredFile | None:
        return self._by_path.get(file_path)


def _fake_bytes(header: bytes, size: int) -> bytes:
    return header.ljust(size, b"\0")


class _TelegramHTML(HTMLParser):
    """Turns Bot API HTML into the plain text a resident sees, rejecting what Telegram rejects."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.plain_text: list[str] = []
        self._open_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_TAGS:
            raise BotAPIError(
                400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
            )
        if tag == "span" and dict(attrs).get("class") != "tg-spoiler":
            raise BotAPIError(
                400, 'Bad Request: can\'t parse entities: Tag "span" must have class "tg-spoiler"'
            )
        self._open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open_tags or self._open_tags[-1] != tag:
            raise BotAPIError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        self._open_tags.pop()

    def handle_data(self, data: str) -> None:
        self.plain_text.append(data)

    def close(self) -> None:
        super().close()
        if self._open_tags:
            raise BotAPIError(
                400,
                "Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
                f'"{self._open_tags[-1]}"',
            )


def _render(text: str, parse_mode: str | None) -> str:
    """The text as Telegram stores it: formatting removed for HTML, checked for validity."""
    if not parse_mode:
        return text
    if parse_mode.lower() not in ("html", "markdown", "markdownv2"):
        raise BotAPIError(400, "Bad Request: unsupported parse_mode")
    if parse_mode.lower() != "html":
        return text
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    return "".join(parser.plain_text)


def _message_text(payload: dict[str, Any]) -> str:
    text = _render(str(payload.get("text") or ""), payload.get("parse_mode"))
    if not text.strip():
        raise BotAPIError(400, "Bad Request: message text is empty")
    if _utf16_length(text) > _MESSAGE_TEXT_LIMIT:
        raise BotAPIError(400, "Bad Request: message is too long")
    return text


def _utf16_length(text: str) -> int:
    # Telegram measures text in UTF-16 code units, so an emoji counts twice.
    return len(text.encode("utf-16-le")) // 2


def _validate_reply_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise BotAPIError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            _validate_inline_button(button)
    for row in markup.get("keyboard") or []:
        for button in row:
            if not (button if isinstance(button, str) else button.get("text")):
                raise BotAPIError(400, "Bad Request: keyboard button text is empty")


def _validate_inline_button(button: dict[str, Any]) -> None:
    if not button.get("text"):
        raise BotAPIError(400, "Bad Request: can't parse inline keyboard button: Text is empty")
    actions = {name for name in _INLINE_BUTTON_ACTIONS if button.get(name) is not None}
    if len(actions) != 1:
        raise BotAPIError(
            400,
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the "
            "inline keyboard",
        )
    data = button.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode()) <= _CALLBACK_DATA_LIMIT:
        raise BotAPIError(400, "Bad Request: BUTTON_DATA_INVALID")


async def _read_payload(request: web.Request) -> dict[str, Any]:
    """Query string and body of a Bot API call, as typed values, whatever the encoding."""
    payload = {key: _decode_form_value(key, value) for key, value in request.query.items()}
    if not request.body_exists:
        return payload
    if request.content_type == "application/json":
        payload.update(await request.json())
        return payload
    form = await request.post()
    uploads: dict[str, UploadedFile] = {}
    for key, value in form.items():
        if isinstance(value, web.FileField):
            uploads[key] = UploadedFile(value.filename, value.content_type, value.file.read())
        else:
            payload[key] = _decode_form_value(key, value)
    # A file is either sent under its own field name or referenced as "attach://<field>".
    for key, value in list(payload.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            payload[key] = uploads.pop(value.removeprefix("attach://"), value)
    payload.update(uploads)
    return payload


def _decode_form_value(key: str, value: str) -> Any:
    if key in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _as_chat_id(value: Any) -> int | str | None:
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def _update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


def _now() -> int:
    return int(time.time())


class FakeBotAPI:
    """A Bot API server on 127.0.0.1 plus the handles a test needs to play the residents.

    Use ``async with FakeBotAPI() as api:`` (or `start()` / `stop()`) and point the bot at
    `api.base_url`.
    """

    def __init__(
        self,
        *,
        enforce_limits: bool = False,
        limits: TelegramLimits = TelegramLimits(),
        timeout_hold: float = 30.0,
    ) -> None:
        self.enforce_limits = enforce_limits
        self.timeout_hold = timeout_hold
        self.calls: list[RecordedCall] = []
        self.too_many_requests = 0
        self.send_timestamps: list[float] = []

        self._base_url: str | None = None
        self._runner: web.AppRunner | None = None
        self._stopping = False
        self._changed = _ChangeSignal()
        self._flood_control = _FloodControl(limits)
        self._faults: list[_Fault] = []
        self._bot_token = TEST_TOKEN

        self._users: dict[int, dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked_by: set[int] = set()
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._last_message_id: dict[int, int] = defaultdict(int)
        self._updates: list[dict[str, Any]] = []
        self._last_update_id = 0
        self._allowed_updates: list[str] | None = None
        self._webhook: dict[str, Any] | None = None
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._open_callback_queries: set[str] = set()
        self._callback_query_ids = itertools.count(4_200_000_001)
        self._files = _FileStore()

        self._events: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self._read_cursor: dict[int, int] = defaultdict(int)
        self._conversation: dict[int, list[str]] = defaultdict(list)

        handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendLocation": self._send_location,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "getFile": self._get_file,
            "close": lambda payload: True,
            "logOut": lambda payload: True,
        }
        # Telegram matches method names case-insensitively.
        self._methods = {name.lower(): (name, handler) for name, handler in handlers.items()}

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._base_url

    async def start(self) -> None:
        # Telegram accepts uploads up to 50 MB; aiohttp would refuse anything over 1 MB.
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._serve_method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._serve_file)
        # Held requests are woken by stop(); the short shutdown timeout is only a safety net.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self._base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Stop serving; open long polls return empty and held requests are dropped at once."""
        self._stopping = True
        self._changed.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- what residents do -----------------------------------------------------------------

    def user_sends_text(
        self,
        chat_id: int,
        text: str,
        *,
        language_code: str | None = None,
        first_name: str | None = None,
        user_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A resident types `text`; a leading "/command" carries its bot_command entity.

        `language_code` and `first_name` stick to the user once given (defaults "nl", "Sam").
        """
        user = self._sender(chat_id, user_id, first_name, language_code)
        content: dict[str, Any] = {"text": text, **_command_entities(text)}
        if reply_to_message_id is not None:
            replied = self._existing_message(chat_id, reply_to_message_id)
            content["reply_to_message"] = _without_reply(replied)
        return self._user_message(chat_id, user, content, f"{text!r}")

    def user_presses_button(
        self,
        chat_id: int,
        callback_data: str,
        *,
        message_id: int | None = None,
        user_id: int | None = None,
        language_code: str | None = None,
        first_name: str | None = None,
    ) -> dict[str, Any]:
        """A resident presses an inline button on a bot message (default: the latest with one)."""
        message = self._keyboard_message(chat_id, message_id)
        if callback_data not in [data for _, data in self.buttons(message)]:
            raise AssertionError(
                f"message {message['message_id']} in chat {chat_id} has no button with "
                f"callback_data {callback_data!r}; its buttons: {self.buttons(message)}"
            )
        user = self._sender(chat_id, user_id, first_name, language_code)
        query_id = str(next(self._callback_query_ids))
        self._open_callback_queries.add(query_id)
        who = _who(user, chat_id)
        self._log(chat_id, f"{who} pressed {callback_data!r} on #{message['message_id']}")
        return self._enqueue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": dict(message),
                    "chat_instance": f"instance{chat_id}",
                    "data": callback_data,
                }
            }
        )

    def user_shares_location(
        self,
        chat_id: int,
        latitude: float,
        longitude: float,
        *,
        language_code: str | None = None,
        first_name: str | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._sender(chat_id, user_id, first_name, language_code)
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return self._user_message(chat_id, user, content, f"[location {latitude}, {longitude}]")

    def user_sends_photo(
        self,
        chat_id: int,
        caption: str | None = None,
        *,
        language_code: str | None = None,
        first_name: str | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        """A resident sends a photo; its sizes can be fetched with getFile and downloaded."""
        user = self._sender(chat_id, user_id, first_name, language_code)
        content: dict[str, Any] = {"photo": self._files.add_photo()}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(chat_id, user, content, f"[photo] {caption or ''}")

    def user_sends_sticker(
        self,
        chat_id: int,
        emoji: str = "👍",
        *,
        language_code: str | None = None,
        first_name: str | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._sender(chat_id, user_id, first_name, language_code)
        stored = self._files.add("stickers", "webp", _fake_bytes(b"RIFF", 8_000))
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.content),
        }
        return self._user_message(chat_id, user, {"sticker": sticker}, f"[sticker {emoji}]")

    def user_sends_voice(
        self,
        chat_id: int,
        duration: int = 3,
        *,
        language_code: str | None = None,
        first_name: str | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._sender(chat_id, user_id, first_name, language_code)
        stored = self._files.add("voice", "oga", _fake_bytes(b"OggS", 4_000 * duration))
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(stored.content),
        }
        return self._user_message(chat_id, user, {"voice": voice}, f"[voice {duration}s]")

    def user_edits_message(self, chat_id: int, message_id: int, new_text: str) -> dict[str, Any]:
        """A resident edits one of their own earlier messages (an edited_message update)."""
        original = self._existing_message(chat_id, message_id)
        if original["from"]["is_bot"]:
            raise AssertionError(f"message {message_id} in chat {chat_id} was sent by the bot")
        edited = {key: value for key, value in original.items() if key != "entities"}
        edited.update(text=new_text, edit_date=_now(), **_command_entities(new_text))
        self._messages[(chat_id, message_id)] = edited
        who = _who(edited["from"], chat_id)
        self._log(chat_id, f"{who} edited #{message_id}: {new_text!r}")
        return self._enqueue({"edited_message": dict(edited)})

    def group_message(
        self,
        group_chat_id: int,
        from_user_id: int,
        text: str,
        *,
        first_name: str | None = None,
        language_code: str | None = None,
        title: str | None = None,
    ) -> dict[str, Any]:
        """Someone writes in a group; ids starting with -100 are supergroups, like Telegram's."""
        if group_chat_id >= 0:
            raise ValueError("group chat ids are negative")
        user = self._remember_user(from_user_id, first_name, language_code)
        chat = self._chat_of(group_chat_id, user)
        if title is not None:
            chat["title"] = title
        content = {"text": text, **_command_entities(text)}
        return self._user_message(group_chat_id, user, content, f"{text!r}")

    def user_blocks_bot(self, chat_id: int) -> dict[str, Any]:
        """The resident blocks the bot: sends to the chat get 403 until they write again."""
        user = self._remember_user(chat_id, None, None)
        self._blocked_by.add(chat_id)
        self._log(chat_id, f"{_who(user, chat_id)} blocked the bot")
        return self._enqueue(self._membership_update(chat_id, user, old="member", new="kicked"))

    def raw_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any update as given; it gets the next update_id unless it has one."""
        return self._enqueue(update)

    # -- what the bot did ------------------------------------------------------------------

    @property
    def sent(self) -> list[RecordedCall]:
        """Successful calls that reached a chat: sends, edits, chat actions, callback answers."""
        return [
            call for call in self.calls if call.outcome == "ok" and call.method in OUTGOING_METHODS
        ]

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates the bot has not confirmed yet (by polling with a higher offset)."""
        return list(self._updates)

    async def next_message(self, chat_id: int, timeout: float = 10.0) -> dict[str, Any]:
        """The next message event in the chat not returned before.

        An event is the message as Telegram stores it plus "kind" ("message", "photo",
        "location" or "edit"); its reply_markup is the one the bot sent, of any keyboard type.
        """
        events = self._events[chat_id]
        if not await self._wait_for(lambda: self._read_cursor[chat_id] < len(events), timeout):
            raise AssertionError(
                f"the bot sent nothing new to chat {chat_id} within {timeout:g} s\n"
                + self._describe_conversation(chat_id)
            )
        event = events[self._read_cursor[chat_id]]
        self._read_cursor[chat_id] += 1
        return event

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait for `predicate()` to be truthy and return its value.

        It is re-evaluated whenever the fake's state changes (a request or an injected update).
        """
        result = await self._wait_for(predicate, timeout)
        if not result:
            name = getattr(predicate, "__qualname__", repr(predicate))
            recent = ", ".join(f"{call.method}:{call.outcome}" for call in self.calls[-10:])
            raise AssertionError(f"{name} still false after {timeout:g} s; last calls: {recent}")
        return result

    def transcript(self, chat_id: int) -> list[str]:
        """The text of every message event the bot produced in the chat, in order."""
        return [_event_text(event) for event in self._events[chat_id]]

    def current_message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """A message as it is now, after any edits."""
        return dict(self._existing_message(chat_id, message_id))

    def my_commands(
        self, language_code: str = "", scope: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """The commands the bot set for this language and scope (default scope if None)."""
        return list(self._commands.get(_commands_key(scope, language_code), []))

    @staticmethod
    def buttons(message: dict[str, Any]) -> list[tuple[str, str | None]]:
        """Every button of the message's keyboard, row by row, as (text, callback_data)."""
        markup = message.get("reply_markup") or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        buttons = [button for row in rows for button in row]
        # Reply keyboard buttons may be bare strings and never carry callback data.
        return [
            (button, None)
            if isinstance(button, str)
            else (button["text"], button.get("callback_data"))
            for button in buttons
        ]

    # -- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        kind: str,
        *,
        count: int = 1,
        chat_id: int | None = None,
        retry_after: int = 1,
    ) -> None:
        """Answer the next `count` calls of `method` (to `chat_id`, if given) with a fault.

        "429", "500" and "403" answer with that Telegram error and do nothing else. "timeout"
        holds the request for `timeout_hold` seconds and then drops the connection unanswered.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if method.lower() not in self._methods:
            raise ValueError(f"the fake does not implement {method!r}")
        canonical_name = self._methods[method.lower()][0]
        self._faults.append(_Fault(canonical_name, kind, count, chat_id, retry_after))

    # -- HTTP ------------------------------------------------------------------------------

    async def _serve_method(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if not _TOKEN_PATTERN.fullmatch(token):
            return BotAPIError(401, "Unauthorized").response()
        self._bot_token = token
        requested = request.match_info["method"]
        name, handler = self._methods.get(requested.lower(), (requested, None))
        payload = await _read_payload(request)
        call = RecordedCall(name, _as_chat_id(payload.get("chat_id")), payload, time.monotonic())
        self.calls.append(call)
        self._changed.notify()
        try:
            if handler is None:
                raise BotAPIError(404, "Not Found: method not found")
            result = await self._perform(call, handler)
        except BotAPIError as error:
            call.outcome = str(error.code)
            return error.response()
        except _RequestDropped:
            call.outcome = "timeout"
            if request.transport is not None:
                request.transport.close()
            return web.Response()
        else:
            call.outcome = "ok"
            return web.json_response({"ok": True, "result": result})
        finally:
            self._changed.notify()

    async def _perform(self, call: RecordedCall, handler: Callable[[dict[str, Any]], Any]) -> Any:
        await self._apply_fault(call)
        counts_as_message = call.method in MESSAGE_METHODS and isinstance(call.chat_id, int)
        now = time.monotonic()
        if counts_as_message and self.enforce_limits:
            retry_after = self._flood_control.retry_after(call.chat_id, now)
            if retry_after is not None:
                self.too_many_requests += 1
                description = f"Too Many Requests: retry after {retry_after}"
                raise BotAPIError(429, description, retry_after=retry_after)
        # Message handlers are synchronous, so nothing runs between the limit check and the
        # recording below.
        result = handler(call.payload)
        if inspect.isawaitable(result):
            result = await result
        if counts_as_message:
            self.send_timestamps.append(now)
            self._flood_control.record(call.chat_id, now)
        return result

    async def _apply_fault(self, call: RecordedCall) -> None:
        fault = next((fault for fault in self._faults if fault.matches(call)), None)
        if fault is None:
            return
        fault.remaining -= 1
        if fault.remaining <= 0:
            self._faults.remove(fault)
        if fault.kind == "timeout":
            await self._wait_for(lambda: self._stopping, self.timeout_hold)
            raise _RequestDropped
        raise fault.error()

    async def _serve_file(self, request: web.Request) -> web.Response:
        stored = self._files.by_path(request.match_info["file_path"])
        if stored is None:
            return BotAPIError(404, "Not Found").response()
        return web.Response(body=stored.content, content_type="application/octet-stream")

    # -- Bot API methods -------------------------------------------------------------------

    def _get_me(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise BotAPIError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                "to delete the webhook first",
            )
        if "allowed_updates" in payload:
            self._allowed_updates = payload["allowed_updates"] or None
        self._confirm_updates(int(payload.get("offset") or 0))
        limit = min(max(int(payload.get("limit") or 100), 1), 100)
        await self._wait_for(lambda: self._updates, float(payload.get("timeout") or 0))
        return self._updates[:limit]

    def _set_webhook(self, payload: dict[str, Any]) -> bool:
        settings = {key: value for key, value in payload.items() if key != "certificate"}
        self._webhook = settings if payload.get("url") else None
        if payload.get("allowed_updates") is not None:
            self._allowed_updates = payload["allowed_updates"] or None
        if payload.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _delete_webhook(self, payload: dict[str, Any]) -> bool:
        self._webhook = None
        if payload.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, payload: dict[str, Any]) -> dict[str, Any]:
        webhook = self._webhook or {}
        info: dict[str, Any] = {
            "url": webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        for key in ("max_connections", "ip_address", "allowed_updates"):
            if key in webhook:
                info[key] = webhook[key]
        return info

    def _set_my_commands(self, payload: dict[str, Any]) -> bool:
        commands = payload.get("commands") or []
        for command in commands:
            if not _BOT_COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise BotAPIError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise BotAPIError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[_commands_key(payload.get("scope"), payload.get("language_code"))] = commands
        return True

    def _delete_my_commands(self, payload: dict[str, Any]) -> bool:
        self._commands.pop(_commands_key(payload.get("scope"), payload.get("language_code")), None)
        return True

    def _get_my_commands(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        return self.my_commands(payload.get("language_code", ""), payload.get("scope"))

    def _send_message(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._deliver(payload, "message", {"text": _message_text(payload)})

    def _send_photo(self, payload: dict[str, Any]) -> dict[str, Any]:
        content: dict[str, Any] = {"photo": self._photo_sizes(payload.get("photo"))}
        caption = _render(str(payload.get("caption") or ""), payload.get("parse_mode"))
        if _utf16_length(caption) > _CAPTION_LIMIT:
            raise BotAPIError(400, "Bad Request: message caption is too long")
        if caption:
            content["caption"] = caption
        return self._deliver(payload, "photo", content)

    def _send_location(self, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            latitude, longitude = float(payload["latitude"]), float(payload["longitude"])
        except (KeyError, TypeError, ValueError):
            raise BotAPIError(400, "Bad Request: wrong latitude or longitude") from None
        location = {"latitude": latitude, "longitude": longitude}
        return self._deliver(payload, "location", {"location": location})

    def _send_chat_action(self, payload: dict[str, Any]) -> bool:
        self._destination_chat(payload)
        if payload.get("action") not in _CHAT_ACTIONS:
            raise BotAPIError(400, "Bad Request: wrong parameter action in request")
        return True

    def _edit_message_text(self, payload: dict[str, Any]) -> dict[str, Any]:
        chat_id, message = self._bot_message_to_edit(payload)
        if "text" not in message:
            raise BotAPIError(400, "Bad Request: there is no text in the message to edit")
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        edited = self._edited(message, payload.get("reply_markup"), text=_message_text(payload))
        self._publish(chat_id, "edit", edited, edited.get("reply_markup"))
        return edited

    def _edit_message_reply_markup(self, payload: dict[str, Any]) -> dict[str, Any]:
        chat_id, message = self._bot_message_to_edit(payload)
        edited = self._edited(message, payload.get("reply_markup"))
        buttons = self.buttons(edited)
        self._log(chat_id, f"bot set the keyboard of #{edited['message_id']}: {buttons}")
        return edited

    def _answer_callback_query(self, payload: dict[str, Any]) -> bool:
        query_id = payload.get("callback_query_id")
        if query_id not in self._open_callback_queries:
            raise BotAPIError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._open_callback_queries.discard(query_id)
        return True

    def _get_file(self, payload: dict[str, Any]) -> dict[str, Any]:
        stored = self._files.by_id(str(payload.get("file_id") or ""))
        if stored is None:
            raise BotAPIError(400, "Bad Request: invalid file_id")
        return stored.as_telegram_file()

    # -- Telegram's state ------------------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": int(self._bot_token.split(":")[0]),
            "is_bot": True,
            "first_name": "Buurtlijn (test)",
            "username": BOT_USERNAME,
        }

    def _sender(
        self, chat_id: int, user_id: int | None, first_name: str | None, language_code: str | None
    ) -> dict[str, Any]:
        # In a private chat the user's id is the chat's id.
        user_id = chat_id if user_id is None else user_id
        return self._remember_user(user_id, first_name, language_code)

    def _remember_user(
        self, user_id: int, first_name: str | None, language_code: str | None
    ) -> dict[str, Any]:
        new_user = {
            "id": user_id,
            "is_bot": False,
            "first_name": _DEFAULT_FIRST_NAME,
            "language_code": _DEFAULT_LANGUAGE,
        }
        user = self._users.get(user_id, new_user)
        if first_name is not None:
            user = {**user, "first_name": first_name}
        if language_code is not None:
            user = {**user, "language_code": language_code}
        self._users[user_id] = user
        return user

    def _chat_of(self, chat_id: int, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """The chat with this id, created the way Telegram would describe it."""
        if chat_id not in self._chats:
            if chat_id > 0:
                first_name = user["first_name"] if user else _DEFAULT_FIRST_NAME
                self._chats[chat_id] = {"id": chat_id, "type": "private", "first_name": first_name}
            else:
                kind = "supergroup" if str(chat_id).startswith("-100") else "group"
                title = f"Test group {chat_id}"
                self._chats[chat_id] = {"id": chat_id, "type": kind, "title": title}
        return self._chats[chat_id]

    def _next_message_id(self, chat_id: int) -> int:
        # One sequence per chat, shared by the bot's and the resident's messages, as in Telegram.
        self._last_message_id[chat_id] += 1
        return self._last_message_id[chat_id]

    def _existing_message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        message = self._messages.get((chat_id, message_id))
        if message is None:
            raise AssertionError(f"there is no message {message_id} in chat {chat_id}")
        return message

    def _keyboard_message(self, chat_id: int, message_id: int | None) -> dict[str, Any]:
        if message_id is not None:
            return self._existing_message(chat_id, message_id)
        for (message_chat_id, _), message in reversed(self._messages.items()):
            has_keyboard = message["from"]["is_bot"] and "reply_markup" in message
            if message_chat_id == chat_id and has_keyboard:
                return message
        raise AssertionError(
            f"no bot message with an inline keyboard in chat {chat_id}\n"
            + self._describe_conversation(chat_id)
        )

    def _user_message(
        self, chat_id: int, user: dict[str, Any], content: dict[str, Any], summary: str
    ) -> dict[str, Any]:
        chat = self._chat_of(chat_id, user)
        if chat["id"] in self._blocked_by:
            # Writing to the bot again means the resident unblocked it and pressed Start.
            self._blocked_by.discard(chat["id"])
            self._enqueue(self._membership_update(chat["id"], user, old="kicked", new="member"))
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "from": user,
            "chat": chat,
            "date": _now(),
            **content,
        }
        self._messages[(chat["id"], message["message_id"])] = message
        self._log(chat["id"], f"{_who(user, chat['id'])}: {summary}")
        return self._enqueue({"message": dict(message)})

    def _membership_update(
        self, chat_id: int, user: dict[str, Any], *, old: str, new: str
    ) -> dict[str, Any]:
        def member(status: str) -> dict[str, Any]:
            # until_date 0 means banned for ever, which is what blocking a bot amounts to.
            banned = {"until_date": 0} if status == "kicked" else {}
            return {"status": status, "user": self._bot_user(), **banned}

        return {
            "my_chat_member": {
                "chat": self._chat_of(chat_id, user),
                "from": user,
                "date": _now(),
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            }
        }

    def _enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        if "update_id" in update:
            self._last_update_id = max(self._last_update_id, update["update_id"])
        else:
            self._last_update_id += 1
            update = {"update_id": self._last_update_id, **update}
        if self._is_wanted(update):
            self._updates.append(update)
        self._changed.notify()
        return update

    def _is_wanted(self, update: dict[str, Any]) -> bool:
        # Telegram does not even create updates of types the bot did not ask for.
        if self._allowed_updates is None:
            return _update_type(update) not in _OPT_IN_UPDATE_TYPES
        return _update_type(update) in self._allowed_updates

    def _confirm_updates(self, offset: int) -> None:
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset > 0:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        self._updates = [update for update in self._updates if self._is_wanted(update)]

    def _destination_chat(self, payload: dict[str, Any]) -> dict[str, Any]:
        chat_id = _as_chat_id(payload.get("chat_id"))
        if chat_id in (None, ""):
            raise BotAPIError(400, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int):
            raise BotAPIError(400, "Bad Request: chat not found")
        if chat_id in self._blocked_by:
            raise BotAPIError(403, "Forbidden: bot was blocked by the user")
        return self._chat_of(chat_id)

    def _replied_message(self, chat_id: int, payload: dict[str, Any]) -> dict[str, Any] | None:
        reply = payload.get("reply_parameters") or {}
        message_id = reply.get("message_id", payload.get("reply_to_message_id"))
        if message_id is None:
            return None
        message = self._messages.get((chat_id, int(message_id)))
        if message is None and not (
            reply.get("allow_sending_without_reply") or payload.get("allow_sending_without_reply")
        ):
            raise BotAPIError(400, "Bad Request: message to be replied not found")
        return None if message is None else _without_reply(message)

    def _photo_sizes(self, photo: Any) -> list[dict[str, Any]]:
        if not photo:
            raise BotAPIError(400, "Bad Request: there is no photo in the request")
        if isinstance(photo, UploadedFile):
            return self._files.add_photo(photo.content)
        if str(photo).startswith(("http://", "https://")):
            return self._files.add_photo()
        sizes = self._files.photo_sizes(str(photo))
        if sizes is None:
            raise BotAPIError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return sizes

    def _deliver(
        self, payload: dict[str, Any], kind: str, content: dict[str, Any]
    ) -> dict[str, Any]:
        chat = self._destination_chat(payload)
        markup = payload.get("reply_markup")
        _validate_reply_markup(markup)
        replied = self._replied_message(chat["id"], payload)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"]),
            "from": self._bot_user(),
            "chat": chat,
            "date": _now(),
            **content,
        }
        if replied is not None:
            message["reply_to_message"] = replied
        # Telegram echoes only inline keyboards; reply keyboards live on the resident's side.
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat["id"], message["message_id"])] = message
        self._publish(chat["id"], kind, message, markup)
        return message

    def _bot_message_to_edit(self, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if payload.get("inline_message_id"):
            raise BotAPIError(400, "Bad Request: MESSAGE_ID_INVALID")
        chat = self._destination_chat(payload)
        message_id = payload.get("message_id")
        if message_id is None:
            raise BotAPIError(400, "Bad Request: message identifier is not specified")
        message = self._messages.get((chat["id"], int(message_id)))
        if message is None:
            raise BotAPIError(400, "Bad Request: message to edit not found")
        if not message["from"]["is_bot"]:
            raise BotAPIError(400, "Bad Request: message can't be edited")
        return chat["id"], message

    def _edited(self, message: dict[str, Any], markup: Any, **changes: Any) -> dict[str, Any]:
        _validate_reply_markup(markup)
        if markup is not None and "inline_keyboard" not in markup:
            raise BotAPIError(400, "Bad Request: inline keyboard expected")
        edited = {key: value for key, value in message.items() if key != "reply_markup"}
        edited.update(changes)
        if markup and markup["inline_keyboard"]:
            edited["reply_markup"] = markup
        if {**edited, "edit_date": None} == {**message, "edit_date": None}:
            raise BotAPIError(400, _NOT_MODIFIED)
        edited["edit_date"] = _now()
        self._messages[(message["chat"]["id"], message["message_id"])] = edited
        return edited

    # -- observation helpers ---------------------------------------------------------------

    def _publish(self, chat_id: int, kind: str, message: dict[str, Any], markup: Any) -> None:
        event = {**message, "kind": kind}
        if markup:
            event["reply_markup"] = markup
        self._events[chat_id].append(event)
        buttons = " ".join(f"[{text}]" for text, _ in self.buttons(event))
        label = "bot" if kind != "edit" else f"bot edited #{message['message_id']}"
        self._log(chat_id, f"{label}: {_event_text(event)!r} {buttons}".rstrip())

    def _log(self, chat_id: int, line: str) -> None:
        self._conversation[chat_id].append(line)

    def _describe_conversation(self, chat_id: int) -> str:
        lines = self._conversation[chat_id] or ["(nothing yet)"]
        consumed = self._read_cursor[chat_id]
        return (
            f"conversation in chat {chat_id} ({consumed} bot message(s) already read):\n  "
            + "\n  ".join(lines)
        )

    async def _wait_for(self, condition: Callable[[], Any], timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while not (result := condition()):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._stopping:
                return result
            await self._changed.wait(remaining)
        return result


def _command_entities(text: str) -> dict[str, Any]:
    command = _LEADING_COMMAND.match(text)
    if command is None:
        return {}
    length = _utf16_length(command.group())
    return {"entities": [{"type": "bot_command", "offset": 0, "length": length}]}


def _who(user: dict[str, Any], chat_id: int) -> str:
    return "resident" if user["id"] == chat_id else f"user {user['id']}"


def _without_reply(message: dict[str, Any]) -> dict[str, Any]:
    # Telegram nests a replied-to message one level deep only.
    return {key: value for key, value in message.items() if key != "reply_to_message"}


def _commands_key(scope: dict[str, Any] | None, language_code: str | None) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or ""


def _event_text(event: dict[str, Any]) -> str:
    if "text" in event:
        return event["text"]
    if "photo" in event:
        return event.get("caption", "[photo]")
    location = event["location"]
    return f"[location {location['latitude']}, {location['longitude']}]"
