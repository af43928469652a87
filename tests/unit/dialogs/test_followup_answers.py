from dialogs.domain_events import StatusChanged
from dialogs.followup_answers import solved_buttons, still_going_buttons
from dialogs.replies import Message, Reply
from dialogs.statuses import Status
from tests.unit.dialogs.conversation import NOW, Resident
from tests.unit.dialogs.fakes import fake_services
from tests.unit.dialogs.test_intake import complete_intake


async def reported_and_closed(services, chat_id: int = 7) -> Resident:
    resident = Resident(services, chat_id=chat_id)
    await complete_intake(resident)
    for status, message in ((Status.IN_BEHANDELING, None), (Status.AFGEHANDELD, "Opgeruimd")):
        await services.meldingen.change_status(1, status, actor="professional:1", message=message, now=NOW)
    return resident


def shown(resident: Resident, buttons) -> None:
    """The follow-up arrived through the outbox; its buttons are what the resident can press now."""
    resident.replies = [Reply(Message("followup.solved_check"), buttons)]


async def test_solved_yes_is_thanked_and_kept_with_the_melding():
    services = fake_services()
    resident = await reported_and_closed(services)
    shown(resident, solved_buttons(1))
    await resident.presses("f:sv:1:y")
    assert resident.keys == ["followup.solved_thanks"]
    assert services.store.store.feedback == [(1, "solved:y", None)]
    assert (await services.meldingen.get(1)).status == "afgehandeld"


async def test_not_solved_asks_one_comment_then_reopens_and_sends_it_back_to_the_partners():
    services = fake_services()
    resident = await reported_and_closed(services)
    shown(resident, solved_buttons(1))
    await resident.presses("f:sv:1:n")
    assert resident.keys == ["followup.ask_comment"]
    assert (await services.meldingen.get(1)).status == "afgehandeld", "nothing reopens before the comment"

    await resident.says("Ze staan er gewoon weer, elke avond")
    assert resident.keys == ["followup.reopened"]
    assert (await services.meldingen.get(1)).status == "doorgezet"
    assert resident.events == [StatusChanged(1, "afgehandeld", "heropend"), StatusChanged(1, "heropend", "doorgezet")]
    to_partners = [(n.chat_id, n.reply.message.key) for n in resident.result_notices]
    assert to_partners == [(-100, "pro.reopened_by_resident"), (-200, "pro.reopened_by_resident")]
    notice = resident.result_notices[0]
    assert notice.reply.message.param("comment").text == "Ze staan er gewoon weer, elke avond"
    assert "p:acc:1" in [b.data for row in notice.reply.buttons for b in row], "the partner can take it on again"
    history = services.store.store.meldingen[1].history
    assert history[-2:] == [("afgehandeld", "heropend", "resident", "Ze staan er gewoon weer, elke avond"),
                            ("heropend", "doorgezet", "system", None)]
    assert (1, "comment", "Ze staan er gewoon weer, elke avond") in services.store.store.feedback


async def test_partly_solved_goes_the_same_way_and_the_step_ends():
    services = fake_services()
    resident = await reported_and_closed(services)
    shown(resident, solved_buttons(1))
    await resident.presses("f:sv:1:p")
    await resident.says("Het is minder, maar nog niet weg")
    assert resident.keys == ["followup.reopened"]
    await resident.says("Er ligt ook afval")
    assert resident.keys == ["intake.ask_category"], "after the comment a new text is a new melding"


async def test_a_comment_needs_words():
    services = fake_services()
    resident = await reported_and_closed(services)
    shown(resident, solved_buttons(1))
    await resident.presses("f:sv:1:n")
    await resident.says("!!!")
    assert resident.keys == ["intake.need_words"]
    assert (await services.meldingen.get(1)).status == "afgehandeld"


async def test_solved_check_after_a_reopening_is_stale():
    services = fake_services()
    resident = await reported_and_closed(services)
    await services.meldingen.change_status(1, Status.HEROPEND, actor="professional:1", message=None, now=NOW)
    shown(resident, solved_buttons(1))
    await resident.presses("f:sv:1:n")
    assert resident.keys[0] == "button.stale"


async def test_another_residents_melding_cannot_be_answered():
    services = fake_services()
    await reported_and_closed(services, chat_id=7)
    stranger = Resident(services, chat_id=8)
    await stranger.presses_stale("f:sv:1:n")
    assert stranger.keys[0] == "button.stale"
    await stranger.presses_stale("f:sg:1:y")
    assert stranger.keys[0] == "button.stale"
    assert services.store.store.feedback == []


async def test_still_going_yes_tells_the_partners_and_no_is_noted():
    services = fake_services()
    resident = Resident(services)
    await complete_intake(resident)
    resident.replies = [Reply(Message("followup.still_going"), still_going_buttons(1))]
    await resident.presses("f:sg:1:y")
    assert resident.keys == ["followup.still_going_noted"]
    assert [(n.chat_id, n.reply.message.key) for n in resident.result_notices] == [
        (-100, "pro.still_going"), (-200, "pro.still_going")]
    resident.replies = [Reply(Message("followup.still_going"), still_going_buttons(1))]
    await resident.presses("f:sg:1:n")
    assert resident.keys == ["followup.still_going_noted"] and resident.result_notices == []
    assert [kind for _, kind, _ in services.store.store.feedback] == ["still_going:y", "still_going:n"]


def test_callback_data_fits_telegram():
    big = 10 ** 12
    for rows in (solved_buttons(big), still_going_buttons(big)):
        assert all(len(b.data.encode()) <= 64 for row in rows for b in row)


async def test_news_about_the_wijk_is_offered_once_and_yes_follows_it():
    services = fake_services()
    resident = Resident(services)
    await complete_intake(resident)
    assert resident.keys[-1] == "optin.ask"
    assert resident.replies[-1].message.param("wijk").text == "Centrum"
    await resident.presses("f:in:y")
    assert resident.keys == ["optin.done"]
    assert services.store.store.reporters[1].updates_wijk_id == "centrum"
    await complete_intake(resident)
    assert "optin.ask" not in resident.keys


async def test_declining_news_is_final_and_old_buttons_are_stale():
    services = fake_services()
    resident = Resident(services)
    await complete_intake(resident)
    await resident.presses("f:in:n")
    assert resident.keys == ["optin.declined"]
    await resident.presses_stale("f:in:y")
    assert resident.keys[0] == "button.stale"
    assert services.store.store.reporters[1].updates_wijk_id is None
    await complete_intake(resident)
    assert "optin.ask" not in resident.keys


async def test_no_offer_without_a_wijk_or_after_stop():
    services = fake_services()
    resident = Resident(services)
    await resident.says("Ze dealen bij de speeltuin")
    await resident.presses("i:cat:drugs")
    await resident.presses("i:where:skip")
    await resident.presses("i:when:recurring")
    await resident.presses("i:priv:anonymous")
    await resident.presses("i:send")
    assert "optin.ask" not in resident.keys
    stopped = Resident(services, chat_id=9)
    await stopped.says("/stop")
    await complete_intake(stopped)
    assert "optin.ask" not in stopped.keys
