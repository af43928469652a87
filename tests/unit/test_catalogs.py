"""Every text a person can see exists in nl, ar, tr and en, with the same placeholders, and renders."""
import re
import string
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, Texts
from dialogs.replies import Message, Verbatim
from dialogs.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"N_": None, "NP_": (1, 2)}


def used_keys() -> set[str]:
    keys = set()
    for package in ("dialogs", "bot"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            keys.add(message if isinstance(message, str) else message[0])
    return keys


def catalog(code: str):
    with open(LOCALES_DIR / code / "LC_MESSAGES" / "buurtlijn.po", "rb") as handle:
        return read_po(handle, locale=code)


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_used_key_is_translated_and_nothing_is_fuzzy(code):
    entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(code) if m.id}
    missing = used_keys() - set(entries)
    assert not missing, f"{code}: keys used in code but missing from the catalog: {sorted(missing)}"
    empty = [key for key, m in entries.items() if not all(form.strip() for form in forms(m))]
    assert not empty, f"{code}: untranslated: {empty}"
    assert not [key for key, m in entries.items() if m.fuzzy], f"{code}: fuzzy entries"


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "nl"])
def test_placeholders_match_dutch(code):
    dutch = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog("nl") if m.id}
    for message in catalog(code):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        expected = set().union(*(placeholders(f) for f in forms(dutch[key])))
        for form in forms(message):
            found = placeholders(form)
            # Plural forms for zero/one/two may spell the number out instead of using {count}.
            assert found - {"count"} == expected - {"count"}, f"{code} {key}: {found} vs {expected}"


def first_letter(text: str) -> str | None:
    return next((ch for ch in text if unicodedata.category(ch).startswith("L")), None)


def test_arabic_messages_start_with_arabic_text():
    for message in catalog("ar"):
        if not message.id or str(message.id).startswith("language.name"):
            continue
        for form in forms(message):
            letter = first_letter(form.replace("{", " {").split("{")[0]) or first_letter(re.sub(r"\{[^}]*\}", "", form))
            assert letter and "ARABIC" in unicodedata.name(letter), f"{message.id}: {form[:40]!r}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_renders_with_its_parameters(code):
    texts = Texts()
    for message in catalog(code):
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        names = set().union(*(placeholders(f) for f in forms(message)))
        params = {name: Verbatim("X-1") for name in names if name != "count"}
        params["date"] = date(2026, 11, 26) if "date" in names else params.get("date")
        params = {k: v for k, v in params.items() if v is not None}
        for count in ((0, 1, 2, 5, 11, 100) if isinstance(message.id, tuple) else (None,)):
            rendered = texts.render(Message(key, count=count, **params), code)
            assert rendered.strip() and "{" not in rendered, (code, key, rendered)


def test_arabic_isolates_latin_fragments():
    rendered = Texts().render(Message("receipt.advice_only", reference=Verbatim("BL-1042")), "ar")
    assert "\u2068BL-1042\u2069" in rendered
    assert "\u2068" not in Texts().render(Message("receipt.advice_only", reference=Verbatim("BL-1042")), "nl")


def test_dates_follow_the_resident_locale():
    texts = Texts()
    message = Message("receipt.sent", reference=Verbatim("BL-1"), partners=("Jongerenwerk", "Politie"), date=date(2026, 11, 27))
    assert "vrijdag 27 november 2026" in texts.render(message, "nl")
    assert "Friday, November 27, 2026" in texts.render(message, "en")
    assert "Jongerenwerk en Politie" in texts.render(message, "nl")
    assert "27 Kasım 2026 Cuma" in texts.render(message, "tr")
