from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.followup.model import FollowUpKind
from bot.followup.planner import FollowUpPlanner
from dialogs.domain_events import (
    MeldingConfirmed,
    MeldingForwarded,
    QuestionAsked,
    ResidentAnsweredQuestion,
    StatusChanged,
)
from dialogs.workdays import WorkingCalendar
from storage.followup_repository import MeldingFacts

MONDAY_10 = datetime(2025, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
DAY = timedelta(days=1)

ROUTED = MeldingFacts(
    id=1, status="doorgezet", urgency="normaal", routed_at=MONDAY_10, accepted_at=None, closed_at=None,
    last_activity_at=MONDAY_10, last_unsolicited_at=None, open_question_at=None, last_change_from="nieuw",
    last_change_at=MONDAY_10, reopened_at=None,
)


class StubFollowUps:
    def __init__(self, facts: MeldingFacts | None) -> None:
        self._facts = facts
        self.planned: dict[str, dict] = {}

    async def facts(self, melding_id: int, *, lock: bool = False) -> MeldingFacts | None:
        return self._facts

    async def plan(self, **plan) -> None:
        assert plan["melding_id"] == 1 and plan["planned_at"] == MONDAY_10
        self.planned[plan["kind"]] = plan


class StubUnitOfWork:
    def __init__(self, facts: MeldingFacts | None) -> None:
        self.followups = StubFollowUps(facts)


async def planned(facts: MeldingFacts | None, *events) -> dict[str, dict]:
    uow = StubUnitOfWork(facts)
    await FollowUpPlanner(WorkingCalendar())(uow, list(events), MONDAY_10)
    return uow.followups.planned


async def test_a_confirmed_melding_gets_escalation_interim_and_still_going_check():
    plans = await planned(ROUTED, MeldingConfirmed(1, "BL-1001", ("gemeente",), acute=False))
    assert set(plans) == {FollowUpKind.ACCEPTANCE_ESCALATION, FollowUpKind.INTERIM_UPDATE,
                          FollowUpKind.STILL_GOING_CHECK}
    assert plans[FollowUpKind.INTERIM_UPDATE]["due_at"] == MONDAY_10 + 7 * DAY
    assert not any(plan["urgent"] for plan in plans.values())


async def test_status_changes_never_plan_a_push_the_dialogs_notice_is_the_push():
    accepted = replace(ROUTED, status="in_behandeling", accepted_at=MONDAY_10, last_change_from="doorgezet")
    assert await planned(accepted, StatusChanged(1, "doorgezet", "in_behandeling")) == {}


async def test_closing_plans_the_solved_check_three_days_later():
    closed = replace(ROUTED, status="afgehandeld", closed_at=MONDAY_10, last_change_from="in_behandeling")
    plans = await planned(closed, StatusChanged(1, "in_behandeling", "afgehandeld"))
    assert list(plans) == [FollowUpKind.SOLVED_CHECK]
    assert plans[FollowUpKind.SOLVED_CHECK]["due_at"] == MONDAY_10 + 3 * DAY


async def test_a_forward_starts_a_new_acceptance_round_once():
    forwarded = replace(ROUTED, last_change_from="doorverwezen")
    plans = await planned(forwarded, StatusChanged(1, "in_behandeling", "doorverwezen"),
                          StatusChanged(1, "doorverwezen", "doorgezet"), MeldingForwarded(1, "wijkagent"))
    assert set(plans) == {FollowUpKind.ACCEPTANCE_ESCALATION, FollowUpKind.INTERIM_UPDATE,
                          FollowUpKind.STILL_GOING_CHECK}


async def test_a_reopening_by_the_resident_starts_a_new_acceptance_round():
    reopened = replace(ROUTED, closed_at=None, reopened_at=MONDAY_10, last_change_from="heropend")
    plans = await planned(reopened, StatusChanged(1, "afgehandeld", "heropend"),
                          StatusChanged(1, "heropend", "doorgezet"))
    assert set(plans) == {FollowUpKind.ACCEPTANCE_ESCALATION, FollowUpKind.INTERIM_UPDATE}


async def test_a_question_plans_its_reminder_and_the_answer_plans_nothing():
    asking = replace(ROUTED, status="vraag_aan_melder", open_question_at=MONDAY_10)
    plans = await planned(asking, QuestionAsked(1, 5))
    assert list(plans) == [FollowUpKind.QUESTION_REMINDER]
    assert plans[FollowUpKind.QUESTION_REMINDER]["due_at"] == MONDAY_10 + 5 * DAY
    answered = replace(ROUTED, status="in_behandeling")
    assert await planned(answered, ResidentAnsweredQuestion(1, 5, "op de vierde"),
                         StatusChanged(1, "vraag_aan_melder", "in_behandeling")) == {}


async def test_acute_escalation_is_urgent():
    acute = replace(ROUTED, urgency="acuut")
    plans = await planned(acute, MeldingConfirmed(1, "BL-1001", ("politie",), acute=True))
    assert plans[FollowUpKind.ACCEPTANCE_ESCALATION]["urgent"]
    assert not plans[FollowUpKind.INTERIM_UPDATE]["urgent"]


async def test_a_melding_that_is_gone_and_other_events_plan_nothing():
    assert await planned(None, MeldingConfirmed(1, "BL-1001", ("gemeente",), acute=False)) == {}
    assert await planned(ROUTED, object()) == {}
