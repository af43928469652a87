"""A valid configuration loads into an immutable Gemeente with sensible defaults."""

import dataclasses
import re
from datetime import date, time

import pytest

from bot.gemeente import GemeenteConfigError, LiberationDay, WorkingTimeUnit, load_gemeente
from dialogs.vocabulary import CATEGORIES, DEFAULT_SLA_WORKING_DAYS, Urgency

from .config_snippets import HEADER, write_config


def test_minimal_config_loads_with_defaults(tmp_path):
    gemeente = load_gemeente(write_config(tmp_path))
    assert gemeente.name == "Testdorp"
    assert str(gemeente.timezone) == "Europe/Amsterdam"
    assert [wijk.id for wijk in gemeente.wijken] == ["noord", "zuid"]
    assert [buurt.id for buurt in gemeente.buurten] == ["noord-a", "noord-b", "zuid-a"]
    assert gemeente.buurt("noord-b").wijk_id == "noord"
    assert gemeente.partner("wijkagent").telegram_chat_id == -200
    assert gemeente.fallback_partner_id == gemeente.coordinator_partner_id == "gemeente"
    assert {category: gemeente.handling_working_days(category) for category in CATEGORIES} == DEFAULT_SLA_WORKING_DAYS
    assert gemeente.acceptance_sla(Urgency.HOOG).amount == 4
    assert gemeente.acceptance_sla(Urgency.HOOG).unit == WorkingTimeUnit.WORKING_HOURS
    assert gemeente.acceptance_sla(Urgency.NORMAAL).amount == 2
    assert gemeente.acceptance_sla(Urgency.LAAG).unit == WorkingTimeUnit.WORKING_DAYS
    assert (gemeente.quiet_hours.start, gemeente.quiet_hours.end) == (time(21, 0), time(8, 0))
    assert gemeente.holidays.liberation_day == LiberationDay.LUSTRUM
    assert gemeente.holidays.good_friday is False
    assert gemeente.retention_months == 12


def test_national_help_lines_are_defaults(tmp_path):
    gemeente = load_gemeente(write_config(tmp_path))
    assert gemeente.help_line("emergency").phones == ("112",)
    assert gemeente.help_line("police").phones == ("0900-8844",)
    assert gemeente.help_line("veilig_thuis").phones == ("0800-2000",)
    assert gemeente.help_line("suicide_prevention").phones == ("113", "0800-0113")
    assert gemeente.help_line("meld_misdaad_anoniem").phones == ("0800-7000",)
    assert gemeente.help_line("discriminatie").url == "https://www.discriminatie.nl"
    assert gemeente.help_line("buurtbemiddeling") is not None
    assert gemeente.help_line("gemeente").phones == ("14 000",)


def test_gemeente_overrides_settings(tmp_path):
    settings = """\
[help.gemeente]
name = "Gemeente Testdorp"
phones = ["14 000"]

[help.police]
phones = ["0900-8844", "06-12345678"]

[help.buurtbemiddeling]
name = "Buurtbemiddeling Testdorp"
phones = ["035-0000000"]

[quiet_hours]
from = "22:00"
until = 07:30:00

[holidays]
liberation_day = "yearly"
good_friday = true
extra_dates = [2025-12-29, "2025-12-30"]

[sla_working_days]
drugs = 2

[acceptance_sla]
hoog = { working_hours = 2 }
laag = { working_days = 10 }
"""
    gemeente = load_gemeente(write_config(tmp_path, header=HEADER + "retention_months = 6\n", settings=settings))
    assert gemeente.help_line("police").phones == ("0900-8844", "06-12345678")
    assert gemeente.help_line("police").name == "Politie, geen spoed"
    assert gemeente.help_line("buurtbemiddeling").name == "Buurtbemiddeling Testdorp"
    assert (gemeente.quiet_hours.start, gemeente.quiet_hours.end) == (time(22, 0), time(7, 30))
    assert gemeente.holidays.liberation_day == LiberationDay.YEARLY
    assert gemeente.holidays.good_friday is True
    assert gemeente.holidays.extra_dates == (date(2025, 12, 29), date(2025, 12, 30))
    assert gemeente.handling_working_days("drugs") == 2
    assert gemeente.handling_working_days("woning") == 5
    assert gemeente.acceptance_sla("hoog").amount == 2
    assert gemeente.acceptance_sla("normaal").amount == 2
    assert gemeente.acceptance_sla("laag").amount == 10
    assert gemeente.retention_months == 6


def test_loaded_config_is_immutable(tmp_path):
    gemeente = load_gemeente(write_config(tmp_path))
    with pytest.raises(dataclasses.FrozenInstanceError):
        gemeente.name = "Anders"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        gemeente.partners[0].telegram_chat_id = 1  # type: ignore[misc]
    for value in (
        gemeente.wijken,
        gemeente.partners,
        gemeente.routes,
        gemeente.help_lines,
        gemeente.buurten[0].streets,
    ):
        assert isinstance(value, tuple)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(GemeenteConfigError, match=re.escape("weg.toml: file: cannot be read")):
        load_gemeente(tmp_path / "weg.toml")


def test_invalid_toml_is_a_config_error(tmp_path):
    path = tmp_path / "kapot.toml"
    path.write_text('name = "Testdorp\n', encoding="utf-8")
    with pytest.raises(GemeenteConfigError, match=re.escape("kapot.toml: file: is not valid TOML")):
        load_gemeente(path)


def test_lookups_of_unknown_keys(tmp_path):
    gemeente = load_gemeente(write_config(tmp_path))
    assert gemeente.partner("onbekend") is None
    assert gemeente.wijk("onbekend") is None
    assert gemeente.buurt("onbekend") is None
    assert gemeente.help_line("onbekend") is None
    with pytest.raises(KeyError):
        gemeente.handling_working_days("jeugd")
    with pytest.raises(KeyError):
        gemeente.acceptance_sla("spoed")
