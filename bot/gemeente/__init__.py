"""A gemeente's configuration: areas and where things are, partners, rules, service levels."""

from bot.gemeente.areas import AreaMatch, Buurt, Wijk
from bot.gemeente.calendar_settings import HolidaySettings, LiberationDay
from bot.gemeente.errors import GemeenteConfigError
from bot.gemeente.help_lines import HelpLine
from bot.gemeente.loader import example_gemeente_path, load_gemeente
from bot.gemeente.model import Gemeente
from bot.gemeente.partners import Partner, PartnerType
from bot.gemeente.service_levels import AcceptanceSla, CategorySla, WorkingTimeUnit

__all__ = [
    "AcceptanceSla",
    "AreaMatch",
    "Buurt",
    "CategorySla",
    "Gemeente",
    "GemeenteConfigError",
    "HelpLine",
    "HolidaySettings",
    "LiberationDay",
    "Partner",
    "PartnerType",
    "Wijk",
    "WorkingTimeUnit",
    "example_gemeente_path",
    "load_gemeente",
]
