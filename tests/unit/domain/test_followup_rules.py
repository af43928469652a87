from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followup.model import EventKind, FollowUpKind, MeldingSnapshot, PlannedFollowUp
from bot.followup.rules import is_still_due, plan_next, plan_on_event
from dialogs.statuses import Status
from dialogs.vocabulary import Urgency
from dialogs.workdays import WorkingCalendar

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDAR = WorkingCalendar()
MONDAY_10 = datetime(2025, 3, 10, 10, 0, tzinfo=AMSTERDAM)
DAY = timedelta(days=1)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def melding(**changes: object) -> MeldingSnapshot:
    base = MeldingSnapshot(
        id=1042,
        status=Status.DOORGEZET,
        urgency=Urgency.NORMAAL,
        routed_at=MONDAY_10,
        accepted_at=None,
        closed_at=None,
        last_activity_at=MONDAY_10,
        open_question_at=None,
        previous_status=Status.NIEUW,
        status_changed_at=MONDAY_10,
    )
    return replace(base, **changes)


def by_kind(plans: list[PlannedFollowUp]) -> dict[FollowUpKind, PlannedFollowUp]:
    assert len({plan.kind for plan in plans}) == len(plans)
    return {plan.kind: plan for plan in plans}


# --- planning on events ---------------------------------------------------------------------


def test_routed_plans_escalation_interim_and_still_going_check() -> None:
    plans = by_kind(plan_on_event("routed", melding(), CALENDAR, MONDAY_10))
    assert set(plans) == {
        FollowUpKind.ACCEPTANCE_ESCALATION,
        FollowUpKind.INTERIM_UPDATE,
        FollowUpKind.STILL_GOING_CHECK,
    }
    assert plans[FollowUpKind.ACCEPTANCE_ESCALATION].due_at_utc == local(2025, 3, 12, 17, 0)
    assert plans[FollowUpKind.INTERIM_UPDATE].due_at_utc == MONDAY_10 + 7 * DAY
    assert plans[FollowUpKind.STILL_GOING_CHECK].due_at_utc == MONDAY_10 + 28 * DAY
    assert not any(plan.urgent for plan in plans.values())
    assert all(plan.due_at_utc.tzinfo is UTC for plan in plans.values())


@pytest.mark.parametrize(
    ("urgency", "routed_at", "deadline"),
    [
        # Two working hours left on Friday, two more on Monday morning.
        (Urgency.HOOG, local(2025, 3, 14, 15, 0), local(2025, 3, 17, 10, 30)),
        (Urgency.NORMAAL, local(2025, 3, 14, 15, 0), local(2025, 3, 18, 17, 0)),
        (Urgency.LAAG, local(2025, 3, 14, 15, 0), local(2025, 3, 21, 17, 0)),
        # Acuut at night: the coordinator knows within the first hour of the next working day.
        (Urgency.ACUUT, local(2025, 3, 11, 23, 0), local(2025, 3, 12, 9, 30)),
    ],
)
def test_acceptance_sla_per_urgency(
    urgency: Urgency, routed_at: datetime, deadline: datetime
) -> None:
    snapshot = melding(urgency=urgency, routed_at=routed_at)
    plans = by_kind(plan_on_event("routed", snapshot, CALENDAR, routed_at))
    assert plans[FollowUpKind.ACCEPTANCE_ESCALATION].due_at_utc == deadline


def test_only_status_news_and_escalations_of_acute_meldingen_are_urgent() -> None:
    acute = melding(urgency=Urgency.ACUUT)
    routed = by_kind(plan_on_event("routed", acute, CALENDAR, MONDAY_10))
    assert routed[FollowUpKind.ACCEPTANCE_ESCALATION].urgent
    assert not routed[FollowUpKind.INTERIM_UPDATE].urgent
    accepted = replace(acute, status=Status.IN_BEHANDELING, previous_status=Status.DOORGEZET)
    [push] = plan_on_event("status_changed", accepted, CALENDAR, MONDAY_10)
    assert push.kind == FollowUpKind.STATUS_PUSH and push.urgent


def test_status_change_is_pushed_at_once() -> None:
    snapshot = melding(status=Status.IN_BEHANDELING, previous_status=Status.DOORGEZET)
    [push] = plan_on_event("status_changed", snapshot, CALENDAR, MONDAY_10)
    assert push == PlannedFollowUp(FollowUpKind.STATUS_PUSH, MONDAY_10.astimezone(UTC), False)


def test_change_the_resident_cannot_see_is_not_pushed() -> None:
    snapshot = melding(status=Status.DOORGEZET, previous_status=Status.DOORVERWEZEN)
    assert plan_on_event("status_changed", snapshot, CALENDAR, MONDAY_10) == []


def test_closing_as_solved_plans_the_solved_check_three_days_later() -> None:
    closed = melding(
        status=Status.AFGEHANDELD, previous_status=Status.IN_BEHANDELING, closed_at=MONDAY_10
    )
    plans = by_kind(plan_on_event("status_changed", closed, CALENDAR, MONDAY_10))
    assert set(plans) == {FollowUpKind.STATUS_PUSH, FollowUpKind.SOLVED_CHECK}
    assert plans[FollowUpKind.SOLVED_CHECK].due_at_utc == MONDAY_10 + 3 * DAY


def test_closing_as_not_solvable_asks_nothing_afterwards() -> None:
    closed = melding(status=Status.NIET_OPLOSBAAR, previous_status=Status.IN_BEHANDELING)
    [push] = plan_on_event("status_changed", closed, CALENDAR, MONDAY_10)
    assert push.kind == FollowUpKind.STATUS_PUSH


def test_advice_only_melding_gets_no_follow_ups() -> None:
    advice = melding(routed_at=None, status=Status.AFGEHANDELD, previous_status=Status.NIEUW)
    assert plan_on_event("status_changed", advice, CALENDAR, MONDAY_10) == []


def test_question_asked_plans_reminder_five_days_later() -> None:
    asking = melding(status=Status.VRAAG_AAN_MELDER, open_question_at=MONDAY_10)
    [reminder] = plan_on_event("question_asked", asking, CALENDAR, MONDAY_10)
    assert reminder.kind == FollowUpKind.QUESTION_REMINDER
    assert reminder.due_at_utc == MONDAY_10 + 5 * DAY


@pytest.mark.parametrize("event", ["accepted", "resident_answered"])
def test_acceptance_and_answers_plan_nothing(event: str) -> None:
    assert plan_on_event(event, melding(status=Status.IN_BEHANDELING), CALENDAR, MONDAY_10) == []


def test_reopened_goes_back_to_the_partner_against_the_acceptance_sla() -> None:
    reopened = melding(status=Status.HEROPEND, reopened_at=MONDAY_10)
    plans = by_kind(plan_on_event("reopened", reopened, CALENDAR, MONDAY_10))
    assert set(plans) == {FollowUpKind.ACCEPTANCE_ESCALATION, FollowUpKind.INTERIM_UPDATE}


def test_unknown_event_and_naive_time_are_rejected() -> None:
    with pytest.raises(ValueError):
        plan_on_event("exploded", melding(), CALENDAR, MONDAY_10)
    with pytest.raises(ValueError):
        plan_on_event("routed", melding(), CALENDAR, datetime(2025, 3, 10, 10, 0))
    with pytest.raises(ValueError):
        melding(last_activity_at=datetime(2025, 3, 10, 10, 0))
    with pytest.raises(ValueError):
        melding(urgency="dringend")


# --- still due at send time -----------------------------------------------------------------


def test_every_kind_has_a_predicate() -> None:
    for kind in FollowUpKind:
        assert isinstance(is_still_due(kind, melding(), MONDAY_10, MONDAY_10 + DAY), bool)


def test_escalation_lapses_once_accepted() -> None:
    due = MONDAY_10 + 3 * DAY
    assert is_still_due("acceptance_escalation", melding(), MONDAY_10, due)
    accepted = melding(status=Status.IN_BEHANDELING, accepted_at=MONDAY_10 + DAY)
    assert not is_still_due("acceptance_escalation", accepted, MONDAY_10, due)


def test_escalation_from_before_a_reopening_or_rerouting_lapses() -> None:
    later = MONDAY_10 + DAY
    rerouted = melding(routed_at=later)
    assert not is_still_due("acceptance_escalation", rerouted, MONDAY_10, later + DAY)
    assert is_still_due("acceptance_escalation", rerouted, later, later + DAY)
    reopened = melding(status=Status.HEROPEND, accepted_at=MONDAY_10, reopened_at=later)
    assert not is_still_due("acceptance_escalation", reopened, MONDAY_10, later + DAY)
    assert is_still_due("acceptance_escalation", reopened, later, later + DAY)


def test_interim_only_after_a_silent_week_while_open() -> None:
    a_week_later = MONDAY_10 + 7 * DAY
    assert is_still_due("interim_update", melding(), MONDAY_10, a_week_later)
    busy = melding(last_activity_at=MONDAY_10 + 2 * DAY)
    assert not is_still_due("interim_update", busy, MONDAY_10, a_week_later)
    closed = melding(status=Status.AFGEHANDELD)
    assert not is_still_due("interim_update", closed, MONDAY_10, a_week_later)


def test_next_interim_comes_a_week_after_the_last_news() -> None:
    a_week_later = MONDAY_10 + 7 * DAY
    def next_interim(snapshot: MeldingSnapshot, *, sent: bool) -> list[PlannedFollowUp]:
        return plan_next("interim_update", snapshot, CALENDAR, MONDAY_10, a_week_later, sent=sent)

    [after_sending] = next_interim(melding(), sent=True)
    assert after_sending.due_at_utc == a_week_later + 7 * DAY
    [after_skipping] = next_interim(melding(last_activity_at=MONDAY_10 + 2 * DAY), sent=False)
    assert after_skipping.due_at_utc == MONDAY_10 + 9 * DAY
    assert next_interim(melding(status=Status.NIET_OPLOSBAAR), sent=False) == []


def test_interim_chain_never_plans_into_the_past() -> None:
    # Not sent although due, e.g. because the resident used /stop: check again in a week.
    a_month_later = MONDAY_10 + 30 * DAY
    [next_one] = plan_next(
        "interim_update", melding(), CALENDAR, MONDAY_10, a_month_later, sent=False
    )
    assert next_one.due_at_utc == a_month_later + 7 * DAY


def test_solved_check_only_while_still_closed_as_solved() -> None:
    closed = melding(status=Status.AFGEHANDELD, closed_at=MONDAY_10)
    check_time = MONDAY_10 + 3 * DAY
    assert is_still_due("solved_check", closed, MONDAY_10, check_time)
    reopened = replace(closed, status=Status.HEROPEND)
    assert not is_still_due("solved_check", reopened, MONDAY_10, check_time)
    closed_again = replace(closed, closed_at=MONDAY_10 + DAY)
    assert not is_still_due("solved_check", closed_again, MONDAY_10, check_time)


def test_still_going_check_only_while_open() -> None:
    four_weeks = MONDAY_10 + 28 * DAY
    busy, closed = melding(status=Status.IN_BEHANDELING), melding(status=Status.AFGEHANDELD)
    assert is_still_due("still_going_check", busy, MONDAY_10, four_weeks)
    assert not is_still_due("still_going_check", closed, MONDAY_10, four_weeks)


def test_question_reminder_only_while_that_question_is_unanswered() -> None:
    asking = melding(status=Status.VRAAG_AAN_MELDER, open_question_at=MONDAY_10)
    five_days = MONDAY_10 + 5 * DAY
    assert is_still_due("question_reminder", asking, MONDAY_10, five_days)
    answered = melding(status=Status.IN_BEHANDELING, open_question_at=None)
    assert not is_still_due("question_reminder", answered, MONDAY_10, five_days)
    newer_question = replace(asking, open_question_at=MONDAY_10 + DAY)
    assert not is_still_due("question_reminder", newer_question, MONDAY_10, five_days)


def test_partner_is_told_when_the_reminder_goes_unanswered() -> None:
    asking = melding(status=Status.VRAAG_AAN_MELDER, open_question_at=MONDAY_10)
    reminded_on_saturday = local(2025, 3, 15, 10, 0)
    [digest] = plan_next(
        "question_reminder", asking, CALENDAR, MONDAY_10, reminded_on_saturday, sent=True
    )
    assert digest.kind == FollowUpKind.PARTNER_DIGEST
    assert digest.due_at_utc == local(2025, 3, 17, 10, 0)
    assert is_still_due("partner_digest", asking, reminded_on_saturday, digest.due_at_utc)
    answered = melding(status=Status.IN_BEHANDELING)
    after_answer = plan_next(
        "question_reminder", answered, CALENDAR, MONDAY_10, reminded_on_saturday, sent=False
    )
    assert after_answer == []


def test_status_push_goes_out_once_per_change() -> None:
    changed = melding(status=Status.IN_BEHANDELING, status_changed_at=MONDAY_10)
    assert is_still_due("status_push", changed, MONDAY_10, MONDAY_10)
    told = replace(changed, last_status_push_at=MONDAY_10 + timedelta(minutes=1))
    assert not is_still_due("status_push", told, MONDAY_10, MONDAY_10 + DAY)
    changed_again = replace(told, status_changed_at=MONDAY_10 + timedelta(hours=1))
    assert is_still_due("status_push", changed_again, MONDAY_10, MONDAY_10 + DAY)


# --- properties -----------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)


@st.composite
def snapshots(draw: st.DrawFn) -> MeldingSnapshot:
    now = draw(moments)
    hours_before_now = st.integers(0, 2000).map(lambda hours: now - timedelta(hours=hours))
    earlier = st.one_of(st.none(), hours_before_now)
    return MeldingSnapshot(
        id=draw(st.integers(1, 10_000)),
        status=draw(st.sampled_from(Status)),
        urgency=draw(st.sampled_from(Urgency)),
        routed_at=draw(earlier),
        accepted_at=draw(earlier),
        closed_at=draw(earlier),
        last_activity_at=now - timedelta(hours=draw(st.integers(0, 2000))),
        open_question_at=draw(earlier),
        previous_status=draw(st.one_of(st.none(), st.sampled_from(Status))),
        status_changed_at=draw(earlier),
        last_status_push_at=draw(earlier),
        reopened_at=draw(earlier),
    )


@settings(max_examples=150, deadline=None)
@given(snapshot=snapshots(), event=st.sampled_from(EventKind), delay=st.integers(0, 100))
def test_plans_are_never_due_before_the_event(
    snapshot: MeldingSnapshot, event: EventKind, delay: int
) -> None:
    now = snapshot.last_activity_at + timedelta(minutes=delay)
    for plan in plan_on_event(event, snapshot, CALENDAR, now):
        assert plan.due_at_utc >= now
        assert plan.due_at_utc.tzinfo is UTC


@settings(max_examples=150, deadline=None)
@given(snapshot=snapshots(), kind=st.sampled_from(FollowUpKind), sent=st.booleans())
def test_what_follows_a_turn_is_always_in_the_future(
    snapshot: MeldingSnapshot, kind: FollowUpKind, sent: bool
) -> None:
    now = snapshot.last_activity_at + timedelta(days=7)
    for plan in plan_next(kind, snapshot, CALENDAR, snapshot.last_activity_at, now, sent=sent):
        assert plan.due_at_utc > now
