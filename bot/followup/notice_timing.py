"""When news a partner sends through the dialog (accepted, a question, closed, ...) reaches the resident.

These notices are the status push: they carry the partner's own words and are written in the same
transaction as the change, so the rules' separate STATUS_PUSH follow-up is never scheduled (see
`planner`). They respect quiet hours (urgent meldingen excepted) and /stop (`resident_notices`
leaves stopped residents out). They are not held to the one-a-day limit: the schedule promises a
status change "within minutes", and a closing message must not wait a day because the partner
accepted the melding that morning. They do count as the day's message for the scheduled
follow-ups, and newer news replaces older news that has not gone out yet, so a resident who
reported at night reads one message in the morning: the latest.
"""
from __future__ import annotations

from datetime import datetime

from bot.followup.quiet_hours import ResidentDelivery
from dialogs.replies import Notice
from dialogs.vocabulary import Urgency
from storage.unit_of_work import UnitOfWork

RESIDENT_NEWS_KINDS = frozenset({"status_push", "question"})


class ResidentNoticeTiming:
    def __init__(self, delivery: ResidentDelivery) -> None:
        self.delivery = delivery

    async def __call__(self, uow: UnitOfWork, notice: Notice, now: datetime) -> datetime:
        """The outbox row's not_before for `notice`."""
        if notice.kind not in RESIDENT_NEWS_KINDS or notice.melding_id is None:
            return now
        urgent = await uow.followups.urgency(notice.melding_id) == Urgency.ACUUT
        not_before = self.delivery.moment(now, urgent=urgent)
        await uow.outbox.supersede(notice.melding_id, RESIDENT_NEWS_KINDS)
        await uow.followups.note_unsolicited(notice.melding_id, not_before)
        return not_before
