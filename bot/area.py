"""The loaded gemeente seen through the dialog core's ports (Area, Router)."""
from __future__ import annotations

from datetime import date, datetime

from bot.gemeente.areas import AreaMatch
from bot.gemeente.help_lines import GEMEENTE_HELP_LINE
from bot.gemeente.model import Gemeente
from bot.routing import RoutingContext
from dialogs.ports import RoutingOutcome
from dialogs.workdays import WorkingCalendar

# The placeholders resident texts use for each help line of the configuration.
HELP_PLACEHOLDERS = {
    "police": "police",
    "veilig_thuis": "veilig_thuis",
    "suicide_prevention": "suicide",
    "meld_misdaad_anoniem": "mma",
    "discriminatie": "discrimination",
    "buurtbemiddeling": "mediation",
    GEMEENTE_HELP_LINE: "gemeente_phone",
}


def working_calendar(gemeente: Gemeente) -> WorkingCalendar:
    return WorkingCalendar(
        timezone=gemeente.timezone.key,
        liberation_day=gemeente.holidays.liberation_day.value,
        good_friday=gemeente.holidays.good_friday,
        extra_holidays=frozenset(gemeente.holidays.extra_dates),
    )


class GemeenteArea:
    def __init__(self, gemeente: Gemeente) -> None:
        self.gemeente = gemeente
        self.name = gemeente.name
        self.calendar = working_calendar(gemeente)
        self._help_numbers = self._collect_help_numbers()

    def _collect_help_numbers(self) -> dict[str, str]:
        numbers = {}
        for key, placeholder in HELP_PLACEHOLDERS.items():
            line = self.gemeente.help_line(key)
            if line is None:
                continue
            if line.phones:
                numbers[placeholder] = " / ".join(line.phones)
            elif line.url:
                numbers[placeholder] = line.url.removeprefix("https://").removeprefix("www.")
        return numbers

    def locate_point(self, latitude: float, longitude: float) -> AreaMatch | None:
        return self.gemeente.locate_point(latitude, longitude)

    def locate_text(self, text: str) -> AreaMatch | None:
        return self.gemeente.locate_text(text)

    def help_numbers(self) -> dict[str, str]:
        return self._help_numbers

    def expected_answer_date(self, category: str, confirmed_at: datetime) -> date:
        return self.calendar.add_working_days(confirmed_at, self.gemeente.handling_working_days(category))

    def partner_name(self, partner_id: str) -> str:
        partner = self.gemeente.partner(partner_id)
        return partner.name if partner else partner_id

    def partner_chat(self, partner_id: str) -> int | None:
        partner = self.gemeente.partner(partner_id)
        return partner.telegram_chat_id if partner else None

    def partner_ids(self) -> list[str]:
        return [partner.id for partner in self.gemeente.partners]

    def area_names(self, wijk_id: str | None, buurt_id: str | None) -> tuple[str | None, str | None]:
        wijk = self.gemeente.wijk(wijk_id) if wijk_id else None
        buurt = self.gemeente.buurt(buurt_id) if buurt_id else None
        return (wijk.name if wijk else None), (buurt.name if buurt else None)

    def route(self, *, category: str, urgency: str, wijk_id: str | None, buurt_id: str | None,
              at: datetime) -> RoutingOutcome:
        decision = self.gemeente.route(RoutingContext(
            category=category, urgency=urgency, wijk_id=wijk_id, buurt_id=buurt_id,
            local_time=at.astimezone(self.gemeente.timezone),
        ))
        return RoutingOutcome(decision.partner_ids, decision.rule_name)
