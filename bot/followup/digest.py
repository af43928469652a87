"""The weekly digest per partner: what is open, and what was not taken on in time.

One follow-up row per partner with a chat, due on Monday morning (or the next working morning);
sending one plans the next, so the digest is part of the same durable schedule as everything else.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.followup.rules import acceptance_deadline
from dialogs.cards import PARTNER_LOCALE
from dialogs.labels import CATEGORY_LABELS, INTERNAL_STATUS_LABELS
from dialogs.replies import N_, Lines, Message, Notice, Reply, Verbatim
from dialogs.statuses import Status
from dialogs.workdays import WorkingCalendar
from storage.followup_repository import OpenMelding

WEEKLY_DIGEST = "weekly_digest"
DIGEST_TIME = time(9, 0)
# Telegram's message limit is 4096 characters; the oldest and overdue meldingen are listed first.
MAX_ITEMS = 25
_AWAITING_ACCEPTANCE = frozenset({Status.DOORGEZET.value, Status.HEROPEND.value})


def next_digest_at(calendar: WorkingCalendar, after: datetime) -> datetime:
    """The first Monday 09:00 after `after`, or the next working morning when that Monday is a holiday."""
    local_day = calendar.local_date(after)
    monday = local_day + timedelta(days=(7 - local_day.weekday()) % 7)
    moment = calendar.at_local_time(monday, DIGEST_TIME)
    if moment <= after:
        moment = calendar.at_local_time(monday + timedelta(weeks=1), DIGEST_TIME)
    return calendar.next_working_moment(moment)


def is_overdue(melding: OpenMelding, calendar: WorkingCalendar, now: datetime) -> bool:
    """Still waiting for a partner to take it on, past the acceptance deadline."""
    return (melding.status in _AWAITING_ACCEPTANCE and melding.routed_at is not None
            and acceptance_deadline(melding.urgency, calendar, melding.routed_at) < now)


def digest_notice(chat_id: int, partner_name: str, meldingen: list[OpenMelding], calendar: WorkingCalendar,
                  now: datetime) -> Notice:
    partner = Verbatim(partner_name)
    if not meldingen:
        return Notice(chat_id, PARTNER_LOCALE, Reply(Message(N_("pro.digest_empty"), partner=partner)), "digest")
    overdue = [m for m in meldingen if is_overdue(m, calendar, now)]
    overdue_ids = {m.id for m in overdue}
    listed = (overdue + [m for m in meldingen if m.id not in overdue_ids])[:MAX_ITEMS]
    items = Lines(tuple(
        Message(N_("pro.digest_item"), reference=Verbatim(m.reference), category=Message(CATEGORY_LABELS[m.category]),
                status=Message(INTERNAL_STATUS_LABELS[m.status]), reported_at=m.created_at)
        for m in listed
    ))
    return Notice(chat_id, PARTNER_LOCALE, Reply(Message(
        N_("pro.digest"), partner=partner, open=len(meldingen), overdue=len(overdue), items=items)), "digest")
