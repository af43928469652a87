"""Handling times per category and acceptance times per urgency, over the national defaults."""

from __future__ import annotations

from bot.gemeente.errors import Problems
from bot.gemeente.reader import TableReader
from bot.gemeente.service_levels import DEFAULT_ACCEPTANCE_SLAS, AcceptanceSla, CategorySla, WorkingTimeUnit
from dialogs.vocabulary import CATEGORIES, DEFAULT_SLA_WORKING_DAYS, Urgency

_UNITS = tuple(unit.value for unit in WorkingTimeUnit)


def parse_category_slas(top: TableReader, problems: Problems) -> tuple[CategorySla, ...]:
    overrides = top.raw("sla_working_days") or {}
    if not isinstance(overrides, dict):
        top.report("sla_working_days", "must be a table of category = working days")
        overrides = {}
    working_days = dict(DEFAULT_SLA_WORKING_DAYS)
    for category, days in overrides.items():
        if category not in CATEGORIES:
            problems.add("sla_working_days", f'unknown category "{category}"')
        elif isinstance(days, bool) or not isinstance(days, int) or days < 1:
            problems.add(
                f"sla_working_days.{category}", f"must be a whole number of working days (1 or more), got {days!r}"
            )
        else:
            working_days[category] = days
    return tuple(CategorySla(category, working_days[category]) for category in CATEGORIES)


def parse_acceptance_slas(top: TableReader, problems: Problems) -> tuple[AcceptanceSla, ...]:
    if not top.has("acceptance_sla"):
        return DEFAULT_ACCEPTANCE_SLAS
    urgencies = tuple(urgency.value for urgency in Urgency)
    table = TableReader(top.raw("acceptance_sla"), "acceptance_sla", problems, urgencies)
    return tuple(
        _acceptance_sla(table, default) if table.has(default.urgency) else default
        for default in DEFAULT_ACCEPTANCE_SLAS
    )


def _acceptance_sla(table: TableReader, default: AcceptanceSla) -> AcceptanceSla:
    entry = f"acceptance_sla.{default.urgency}"
    reader = TableReader(table.raw(default.urgency), entry, table.problems, _UNITS)
    given = [(unit, amount) for unit in _UNITS if (amount := reader.integer(unit, minimum=1)) is not None]
    if len(given) != 1:
        table.problems.add(entry, "needs exactly one of { working_hours = N } or { working_days = N }")
        return default
    unit, amount = given[0]
    return AcceptanceSla(default.urgency, amount, WorkingTimeUnit(unit))
