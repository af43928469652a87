"""Load and validate a gemeente's configuration file into an immutable `Gemeente`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bot.gemeente.errors import Problems
from bot.gemeente.model import Gemeente
from bot.gemeente.parse_areas import parse_areas
from bot.gemeente.parse_help_lines import parse_help_lines
from bot.gemeente.parse_partners import parse_partners
from bot.gemeente.parse_routes import KnownIds, parse_routes
from bot.gemeente.parse_service_levels import parse_acceptance_slas, parse_category_slas
from bot.gemeente.parse_settings import parse_holidays, parse_quiet_hours, parse_retention_months, parse_timezone
from bot.gemeente.reader import TableReader
from dialogs.vocabulary import CATEGORIES

TOP_LEVEL_KEYS = (
    "name",
    "timezone",
    "coordinator_partner",
    "fallback_partner",
    "retention_months",
    "geojson",
    "quiet_hours",
    "holidays",
    "sla_working_days",
    "acceptance_sla",
    "help",
    "wijken",
    "partners",
    "routes",
)


def example_gemeente_path() -> Path:
    return Path(__file__).parent / "examples" / "huizen.toml"


def load_gemeente(path: str | Path) -> Gemeente:
    """Raises GemeenteConfigError listing every problem found, each naming file and entry."""
    path = Path(path)
    problems = Problems(path)
    data = _read_toml(path, problems)
    top = TableReader(data, "", problems, TOP_LEVEL_KEYS)
    name = top.text("name", required=True) or ""
    timezone = parse_timezone(top)
    areas = parse_areas(top, path.parent, problems)
    partners = parse_partners(top, problems)
    coordinator = _partner_reference(top, "coordinator_partner", partners.declared_ids)
    fallback = _partner_reference(top, "fallback_partner", partners.declared_ids)
    known = KnownIds(partners.declared_ids, areas.declared_wijk_ids, areas.declared_buurt_ids)
    routes = parse_routes(top, known, problems)
    for category in CATEGORIES:
        if category not in routes.categories_with_a_route:
            # The fallback catches it, but only by accident: a gemeente should decide who acts.
            problems.add("routes", f'category "{category}" has no route (no rule lists it or "*")')
    category_slas = parse_category_slas(top, problems)
    acceptance_slas = parse_acceptance_slas(top, problems)
    help_lines = parse_help_lines(top, problems)
    quiet_hours = parse_quiet_hours(top, problems)
    holidays = parse_holidays(top, problems)
    retention_months = parse_retention_months(top)
    problems.raise_if_any()
    return Gemeente(
        name=name,
        timezone=timezone,
        wijken=areas.wijken,
        partners=partners.partners,
        coordinator_partner_id=coordinator,
        fallback_partner_id=fallback,
        routes=routes.rules,
        category_slas=category_slas,
        acceptance_slas=acceptance_slas,
        help_lines=help_lines,
        quiet_hours=quiet_hours,
        holidays=holidays,
        retention_months=retention_months,
    )


def _read_toml(path: Path, problems: Problems) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        problems.add("file", f"cannot be read: {exc.strerror or exc}")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.add("file", f"is not valid TOML: {exc}")
    problems.raise_if_any()
    return {}


def _partner_reference(top: TableReader, key: str, declared: frozenset[str]) -> str:
    partner_id = top.text(key, required=True) or ""
    if partner_id and partner_id not in declared:
        top.report(key, f'unknown partner "{partner_id}"')
    return partner_id
