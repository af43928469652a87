"""Turns dialog messages into text in the resident's language: gettext catalogs plus Babel formatting.

Catalogs are compiled from the .po files in memory at start, so a stale or hand-edited .mo can never
be what residents read.
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from dialogs.replies import Lines, Message, Verbatim
from dialogs.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "buurtlijn"
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def compile_catalog(po_path: Path) -> Translations:
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


class Texts:
    def __init__(self, locales_dir: Path = LOCALES_DIR, timezone: str = "Europe/Amsterdam") -> None:
        self.timezone = ZoneInfo(timezone)
        self.translations = {
            code: compile_catalog(locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po") for code in LANGUAGES
        }

    def render(self, message: Message, locale: str) -> str:
        locale = locale if locale in self.translations else DEFAULT_LANGUAGE
        translations = self.translations[locale]
        if message.count is None:
            template = translations.gettext(message.key)
        else:
            template = translations.ngettext(message.key, message.key + ".plural", message.count)
        params = {name: self._param(value, locale) for name, value in message.params}
        if message.count is not None:
            params.setdefault("count", self._param(message.count, locale))
        return template.format(**params) if params else template

    def _param(self, value, locale: str) -> str:
        match value:
            case Message():
                return self.render(value, locale)
            case Verbatim(text=text):
                return self._isolate(text, locale)
            case Lines(items=items):
                return "\n".join(self._param(item, locale) for item in items)
            case datetime():
                return self._isolate(format_datetime(value, "short", tzinfo=self.timezone, locale=locale), locale)
            case date():
                return self._isolate(format_date(value, "full", locale=locale), locale)
            case bool():
                return str(value)
            case int() | float():
                return self._isolate(format_decimal(value, locale=locale), locale)
            case tuple() | list():
                return format_list([self._param(item, locale) for item in value], locale=locale)
            case _:
                return self._isolate(str(value), locale)

    @staticmethod
    def _isolate(text: str, locale: str) -> str:
        """In right-to-left text, Latin fragments (references, streets, numbers) are isolated so they render in order."""
        if locale in RTL_LANGUAGES and _LATIN_OR_DIGIT.search(text):
            return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
        return text
