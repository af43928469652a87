"""Help numbers: national defaults, overridden or extended by the gemeente."""

from __future__ import annotations

import dataclasses

from bot.gemeente.errors import Problems
from bot.gemeente.help_lines import GEMEENTE_HELP_LINE, NATIONAL_HELP_LINES, HelpLine
from bot.gemeente.reader import TableReader

HELP_LINE_KEYS = ("name", "phones", "url")


def parse_help_lines(top: TableReader, problems: Problems) -> tuple[HelpLine, ...]:
    overrides = top.raw("help") or {}
    if not isinstance(overrides, dict):
        top.report("help", "must be a table of help lines, e.g. [help.gemeente]")
        overrides = {}
    lines = {line.key: line for line in NATIONAL_HELP_LINES}
    for key, raw in overrides.items():
        line = _help_line(key, raw, lines.get(key), problems)
        if line is not None:
            lines[key] = line
    if GEMEENTE_HELP_LINE not in lines:
        problems.add(f"help.{GEMEENTE_HELP_LINE}", 'is required: the gemeente\'s own number, e.g. phones = ["14 035"]')
    return tuple(lines.values())


def _help_line(key: str, raw: object, default: HelpLine | None, problems: Problems) -> HelpLine | None:
    entry = f"help.{key}"
    reader = TableReader(raw, entry, problems, HELP_LINE_KEYS)
    name, phones, url = reader.text("name"), reader.text_list("phones"), reader.text("url")
    base = default or HelpLine(key, name or "")
    line = dataclasses.replace(
        base,
        name=name or base.name,
        phones=base.phones if phones is None else phones,
        url=url or base.url,
    )
    if not line.name:
        reader.report("name", "is required for a help line that has no national default")
        return None
    if not line.phones and not line.url:
        problems.add(entry, "needs phones or a url, or a resident has nowhere to turn")
        return None
    return line
