"""Typed access to one TOML table, turning wrong types and unknown keys into problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time
from typing import Any

from bot.gemeente.errors import Problems

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class TableReader:
    def __init__(self, table: object, entry: str, problems: Problems, known_keys: Iterable[str]) -> None:
        self.entry = entry
        self.problems = problems
        if not isinstance(table, dict):
            problems.add(entry, "must be a table")
            table = {}
        self._table: dict[str, Any] = table
        known = tuple(known_keys)
        # Unknown keys are almost always typos ("partner" for "partners"); silently ignoring them
        # would route meldingen differently from what the gemeente wrote.
        for key in self._table:
            if key not in known:
                self.report(key, f"is not a known key (expected one of: {', '.join(known)})")

    def report(self, key: str, message: str) -> None:
        if self.entry:
            self.problems.add(self.entry, f'"{key}" {message}')
        else:
            self.problems.add(key, message)

    def has(self, key: str) -> bool:
        return key in self._table

    def raw(self, key: str) -> Any:
        return self._table.get(key)

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self._table.get(key)
        if value is None:
            if required:
                self.report(key, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.report(key, "must be a non-empty string")
            return None
        return value.strip()

    def identifier(self, key: str) -> str | None:
        value = self.text(key, required=True)
        if value is not None and not _IDENTIFIER.match(value):
            self.report(key, f'"{value}" must be lowercase letters, digits, "-" or "_"')
            return None
        return value

    def integer(self, key: str, *, minimum: int | None = None) -> int | None:
        value = self._table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, "must be a whole number")
            return None
        if minimum is not None and value < minimum:
            self.report(key, f"must be at least {minimum}, got {value}")
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        value = self._table.get(key)
        if value is not None and not isinstance(value, bool):
            self.report(key, "must be true or false")
            return None
        return value

    def text_list(self, key: str) -> tuple[str, ...] | None:
        value = self._table.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.report(key, "must be a list of non-empty strings")
            return None
        return tuple(item.strip() for item in value)

    def table_list(self, key: str) -> list[Any]:
        value = self._table.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(key, f"must be an array of tables ([[{key}]])")
            return []
        return value

    def clock_time(self, key: str) -> time | None:
        value = self._table.get(key)
        if value is None:
            return None
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        match = _CLOCK.match(value) if isinstance(value, str) else None
        if match is None:
            self.report(key, f'must be a time like "21:00", got {value!r}')
            return None
        return time(int(match[1]), int(match[2]))

    def date_list(self, key: str) -> tuple[date, ...]:
        value = self._table.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(key, "must be a list of dates like 2025-06-10")
            return ()
        dates = []
        for position, item in enumerate(value):
            parsed = _as_date(item)
            if parsed is None:
                self.report(f"{key}[{position}]", f"must be a date like 2025-06-10, got {item!r}")
            else:
                dates.append(parsed)
        return tuple(dates)


def _as_date(value: object) -> date | None:
    # datetime is a subclass of date; a holiday is a whole day, so a timestamp is a mistake.
    if type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def entry_label(prefix: str, table: object, key: str) -> str:
    """`routes[3] "jeugd-avond"`: the position finds the entry, the name says which it is."""
    name = table.get(key) if isinstance(table, dict) else None
    return f'{prefix} "{name}"' if isinstance(name, str) and name else prefix
