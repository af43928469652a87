"""Routing rules from the configuration, checked against the categories, partners and areas."""

from __future__ import annotations

from dataclasses import dataclass

from bot.gemeente.errors import Problems
from bot.gemeente.reader import TableReader, entry_label
from bot.routing import RoutingRule, TimeWindow
from dialogs.vocabulary import CATEGORIES, Urgency

ROUTE_KEYS = ("name", "categories", "urgencies", "wijken", "buurten", "hours", "weekdays", "partners")
HOURS_KEYS = ("from", "until")
ANY = "*"

_WEEKDAYS: dict[str, int] = {
    **{name: day for day, name in enumerate(("ma", "di", "wo", "do", "vr", "za", "zo"))},
    **{name: day for day, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}


@dataclass(frozen=True)
class KnownIds:
    partners: frozenset[str]
    wijken: frozenset[str]
    buurten: frozenset[str]


@dataclass(frozen=True)
class ParsedRoutes:
    rules: tuple[RoutingRule, ...]
    # Categories some rule names (valid or not), or all of them once a rule takes any category.
    categories_with_a_route: frozenset[str]


def parse_routes(top: TableReader, known: KnownIds, problems: Problems) -> ParsedRoutes:
    rules: list[RoutingRule] = []
    routed: set[str] = set()
    names: set[str] = set()
    catch_all: str | None = None
    for position, raw in enumerate(top.table_list("routes")):
        problems_before = len(problems)
        reader = TableReader(raw, entry_label(f"routes[{position}]", raw, "name"), problems, ROUTE_KEYS)
        name = reader.text("name", required=True)
        if name is not None and name in names:
            problems.add(reader.entry, f'duplicate rule name "{name}"')
        names.add(name or "")
        categories = _categories(reader)
        routed.update(CATEGORIES if categories is None else categories)
        if catch_all is not None:
            problems.add(reader.entry, f'can never match: rule "{catch_all}" before it matches every melding')
        rule = _build_rule(reader, name, categories, known)
        if rule is not None and len(problems) == problems_before:
            rules.append(rule)
            if rule.matches_everything:
                catch_all = rule.name
    return ParsedRoutes(tuple(rules), frozenset(routed))


def _build_rule(
    reader: TableReader, name: str | None, categories: tuple[str, ...] | None, known: KnownIds
) -> RoutingRule | None:
    """The rule, or None when it cannot be built; the caller drops it if any problem was found."""
    urgencies = _known_values(reader, "urgencies", frozenset(Urgency), "urgency")
    wijk_ids = _known_values(reader, "wijken", known.wijken, "wijk")
    buurt_ids = _known_values(reader, "buurten", known.buurten, "buurt")
    partner_ids = _known_values(reader, "partners", known.partners, "partner")
    if partner_ids is None and not reader.has("partners"):
        reader.report("partners", "is required: a rule must assign at least one partner")
    hours = _hours(reader)
    weekdays = _weekdays(reader)
    if name is None or partner_ids is None or categories == ():
        return None
    return RoutingRule(name, partner_ids, categories, urgencies, wijk_ids, buurt_ids, hours, weekdays)


def _listed(reader: TableReader, key: str) -> tuple[str, ...] | None:
    values = reader.text_list(key)
    if values is not None and not values:
        reader.report(key, "is an empty list, which matches nothing; leave it out to match any")
        return None
    return values


def _categories(reader: TableReader) -> tuple[str, ...] | None:
    """None for any category; otherwise the known categories listed (problems note the rest)."""
    values = _listed(reader, "categories")
    if values is None or values == (ANY,):
        return None
    if ANY in values:
        reader.report("categories", f'"{ANY}" already means every category; list it alone')
    for value in values:
        if value != ANY and value not in CATEGORIES:
            reader.problems.add(reader.entry, f'unknown category "{value}"')
    return tuple(value for value in values if value in CATEGORIES)


def _known_values(reader: TableReader, key: str, known: frozenset[str], kind: str) -> tuple[str, ...] | None:
    values = _listed(reader, key)
    if values is None:
        return None
    for value in values:
        if value not in known:
            reader.problems.add(reader.entry, f'unknown {kind} "{value}"')
    return values


def _hours(reader: TableReader) -> TimeWindow | None:
    if not reader.has("hours"):
        return None
    hours = TableReader(reader.raw("hours"), f"{reader.entry}.hours", reader.problems, HOURS_KEYS)
    start, end = hours.clock_time("from"), hours.clock_time("until")
    for key, value in (("from", start), ("until", end)):
        if value is None and not hours.has(key):
            hours.report(key, 'is required, e.g. hours = { from = "20:00", until = "06:00" }')
    if start is None or end is None:
        return None
    try:
        return TimeWindow(start, end)
    except ValueError as exc:
        reader.report("hours", str(exc))
        return None


def _weekdays(reader: TableReader) -> tuple[int, ...] | None:
    names = _listed(reader, "weekdays")
    if names is None:
        return None
    unknown = [name for name in names if name.lower() not in _WEEKDAYS]
    if unknown:
        reader.report("weekdays", f"unknown day(s) {', '.join(unknown)}; use ma di wo do vr za zo")
        return None
    return tuple(sorted({_WEEKDAYS[name.lower()] for name in names}))
