"""Numbers and sites a resident can turn to, with national defaults a gemeente may override."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HelpLine:
    # Stable key; the catalogs hold what to say about each line in every language.
    key: str
    name: str
    phones: tuple[str, ...] = ()
    url: str | None = None


NATIONAL_HELP_LINES: tuple[HelpLine, ...] = (
    HelpLine("emergency", "Alarmnummer", ("112",)),
    HelpLine("police", "Politie, geen spoed", ("0900-8844",), "https://www.politie.nl"),
    HelpLine("veilig_thuis", "Veilig Thuis", ("0800-2000",), "https://www.veiligthuis.nl"),
    HelpLine("suicide_prevention", "113 Zelfmoordpreventie", ("113", "0800-0113"), "https://www.113.nl"),
    HelpLine("meld_misdaad_anoniem", "Meld Misdaad Anoniem", ("0800-7000",), "https://www.meldmisdaadanoniem.nl"),
    HelpLine(
        "zorgwekkend_gedrag", "Meldpunt Zorgwekkend Gedrag", ("0800-1205",), "https://www.meldpuntzorgwekkendgedrag.nl"
    ),
    # The regional antidiscriminatievoorziening has its own number; a gemeente should add it.
    HelpLine("discriminatie", "Discriminatie.nl", (), "https://www.discriminatie.nl"),
    # Buurtbemiddeling is organised per gemeente; the national site finds the local team.
    HelpLine("buurtbemiddeling", "Buurtbemiddeling", (), "https://www.problemenmetjeburen.nl"),
)

# Every gemeente has its own 14 + area code number; there is no national default for it.
GEMEENTE_HELP_LINE = "gemeente"
