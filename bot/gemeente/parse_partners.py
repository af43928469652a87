"""Partners from the configuration: who can receive meldingen, and through which chat."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.gemeente.errors import Problems
from bot.gemeente.partners import Partner, PartnerType
from bot.gemeente.reader import TableReader, entry_label

PARTNER_KEYS = ("id", "name", "type", "telegram_chat_id", "email")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ParsedPartners:
    partners: tuple[Partner, ...]
    declared_ids: frozenset[str]


def parse_partners(top: TableReader, problems: Problems) -> ParsedPartners:
    raw_partners = top.table_list("partners")
    if not raw_partners:
        problems.add("partners", "at least one partner is required")
    partners: list[Partner] = []
    declared: set[str] = set()
    for position, raw in enumerate(raw_partners):
        entry = entry_label(f"partners[{position}]", raw, "id")
        partner_id, partner = _parse_partner(TableReader(raw, entry, problems, PARTNER_KEYS))
        if partner_id is not None and partner_id in declared:
            problems.add(entry, f'duplicate partner id "{partner_id}"')
            continue
        if partner_id is not None:
            declared.add(partner_id)
        if partner is not None:
            partners.append(partner)
    return ParsedPartners(tuple(partners), frozenset(declared))


def _parse_partner(reader: TableReader) -> tuple[str | None, Partner | None]:
    partner_id = reader.identifier("id")
    name = reader.text("name", required=True)
    partner_type = _partner_type(reader)
    chat_id = reader.integer("telegram_chat_id")
    if chat_id is None and not reader.has("telegram_chat_id"):
        reader.report("telegram_chat_id", "is required: partners receive meldingen in Telegram")
    elif chat_id == 0:
        reader.report("telegram_chat_id", "must not be 0")
        chat_id = None
    email = reader.text("email")
    if email is not None and not _EMAIL.match(email):
        reader.report("email", f'"{email}" is not an e-mail address')
        email = None
    if partner_id is None or name is None or partner_type is None or chat_id is None:
        return partner_id, None
    return partner_id, Partner(partner_id, name, partner_type, chat_id, email)


def _partner_type(reader: TableReader) -> PartnerType | None:
    value = reader.text("type", required=True)
    if value is None:
        return None
    try:
        return PartnerType(value)
    except ValueError:
        known = ", ".join(member.value for member in PartnerType)
        reader.report("type", f'unknown partner type "{value}" (known: {known})')
        return None
