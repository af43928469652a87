from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot.followup.actions import ACTIONS, FollowUpContext
from bot.followup.model import FollowUpKind
from bot.i18n import Texts
from dialogs.records import MeldingView
from dialogs.vocabulary import LANGUAGES
from storage.followup_repository import OpenQuestion
from tests.unit.dialogs.fakes import FakeArea

REPORTED = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
COORDINATOR = -900
MELDING = MeldingView(
    id=42, reference="BL-1042", text="Hangjongeren", category="jongerenoverlast", urgency="normaal",
    acute_kind=None, frequency="recurring", privacy_mode="anonymous", status="doorgezet", wijk_id="centrum",
    buurt_id=None, place_text=None, created_at=REPORTED, expected_by=date(2026, 11, 26), last_activity_at=REPORTED,
    partner_ids=("jongerenwerk", "handhaving"), photo_file_ids=(), reporter_chat_id=501, reporter_locale="ar",
    reporter_stopped=False,
)
QUESTION = OpenQuestion(id=7, template_key=None, body="Hoe laat?", partner_id="jongerenwerk", asked_in_chat=-100)


def compose(kind: FollowUpKind, melding: MeldingView = MELDING, question: OpenQuestion | None = None):
    return ACTIONS[kind](FollowUpContext(melding, FakeArea(), COORDINATOR, question))


def buttons(reply) -> list[str]:
    return [button.data for row in reply.buttons for button in row]


def test_escalation_asks_the_coordinator_and_tells_the_resident_honestly():
    composed = compose(FollowUpKind.ACCEPTANCE_ESCALATION)
    assert composed.resident.message.key == "followup.escalated"
    [to_coordinator] = composed.partners
    assert (to_coordinator.chat_id, to_coordinator.locale, to_coordinator.kind) == (COORDINATOR, "nl", "escalation")
    message = to_coordinator.reply.message
    assert message.key == "pro.escalation"
    assert [p.text for p in message.param("partners")] == ["Partner jongerenwerk", "Partner handhaving"]
    assert "p:acc:42" in buttons(to_coordinator.reply)


def test_escalation_without_a_coordinator_chat_still_tells_the_resident():
    composed = ACTIONS[FollowUpKind.ACCEPTANCE_ESCALATION](FollowUpContext(MELDING, FakeArea(), None))
    assert composed.partners == () and composed.resident is not None


def test_interim_says_with_whom_and_the_public_status():
    composed = compose(FollowUpKind.INTERIM_UPDATE, replace(MELDING, status="vraag_aan_melder"))
    message = composed.resident.message
    assert message.key == "followup.interim"
    assert message.param("status").key == "status.vraag_aan_u"


def test_checks_offer_their_answers_as_buttons():
    assert buttons(compose(FollowUpKind.SOLVED_CHECK).resident) == ["f:sv:42:y", "f:sv:42:p", "f:sv:42:n"]
    assert buttons(compose(FollowUpKind.STILL_GOING_CHECK).resident) == ["f:sg:42:y", "f:sg:42:n"]


def test_question_reminder_repeats_the_question_with_the_answer_button():
    reply = compose(FollowUpKind.QUESTION_REMINDER, question=QUESTION).resident
    assert reply.message.key == "followup.question_reminder"
    assert reply.message.param("question").text == "Hoe laat?"
    assert reply.message.param("partner").text == "Partner jongerenwerk"
    assert buttons(reply) == ["r:ans:7"]
    assert compose(FollowUpKind.QUESTION_REMINDER).resident is None, "no open question, nothing to remind"


def test_unanswered_question_goes_back_to_the_chat_that_asked():
    composed = compose(FollowUpKind.PARTNER_DIGEST, question=QUESTION)
    assert composed.resident is None
    [notice] = composed.partners
    assert (notice.chat_id, notice.reply.message.key) == (-100, "pro.question_unanswered")


@pytest.mark.parametrize("kind", list(ACTIONS))
@pytest.mark.parametrize("locale", LANGUAGES)
def test_every_message_renders_in_every_language(kind, locale):
    texts = Texts()
    composed = compose(kind, question=QUESTION)
    replies = ([composed.resident] if composed.resident else []) + [n.reply for n in composed.partners]
    assert replies
    for reply in replies:
        rendered = texts.render(reply.message, locale)
        assert "BL-1042" in rendered and "{" not in rendered
        assert all(texts.render(b.label, locale).strip() for row in reply.buttons for b in row)


def test_status_push_is_not_an_action_the_dialog_sends_it():
    assert FollowUpKind.STATUS_PUSH not in ACTIONS
