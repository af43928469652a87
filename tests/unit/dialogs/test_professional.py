from datetime import timedelta

from dialogs import core
from dialogs.events import ButtonPressed, CommandReceived, Incoming, Sender, TextReceived
from dialogs.professional import MAX_FAILED_LINK_ATTEMPTS, hash_code
from tests.unit.dialogs.conversation import NOW, Resident
from tests.unit.dialogs.fakes import fake_services
from tests.unit.dialogs.test_intake import complete_intake

JONGERENWERK_GROUP = -100


class Professional:
    def __init__(self, services, user_id: int, chat_id: int = JONGERENWERK_GROUP) -> None:
        self.services = services
        self.sender = Sender("test", chat_id, "nl", user_id=user_id, private=chat_id > 0)
        self.result = None

    async def _send(self, event):
        self.result = await core.handle(Incoming(self.sender, event, NOW), self.services)
        return self.result

    async def links(self, code: str):
        return await self._send(CommandReceived("koppel", code))

    async def presses(self, data: str):
        return await self._send(ButtonPressed(data))

    async def types(self, text: str):
        return await self._send(TextReceived(text))

    @property
    def keys(self):
        return [r.message.key for r in self.result.replies]

    @property
    def buttons(self):
        return [b.data for r in self.result.replies for row in r.buttons for b in row]


async def invite(services, code="ABCD-1234", partner="jongerenwerk", role="partner_member", days=7):
    await services.professionals.add_invite(code_hash=hash_code(code), partner_id=partner, role=role, now=NOW,
                                            expires_at=NOW + timedelta(days=days))


async def reported(services) -> Resident:
    resident = Resident(services, chat_id=501, language_code="nl")
    await resident.says("/taal")
    await resident.presses("lang:ar")
    await complete_intake(resident)
    return resident


async def test_confirmed_melding_sends_a_card_to_every_assigned_partner_chat():
    services = fake_services()
    resident = await reported(services)
    chats = [(n.chat_id, n.kind) for n in resident_notices(resident)]
    assert chats == [(-100, "card"), (-200, "card")]
    card = resident_notices(resident)[0].reply
    assert card.message.key == "card.melding"
    assert [b.data for row in card.buttons for b in row] == ["p:acc:1", "p:ask:1", "p:fwd:1", "p:st:1", "p:cl:1"]
    assert "501" not in repr(card), "the card must not carry the resident's chat"


def resident_notices(resident):
    return resident.result_notices


async def test_link_with_a_valid_code_once_and_refuse_wrong_used_or_expired_alike():
    services = fake_services()
    await invite(services)
    await invite(services, code="OLD-CODE", days=-1)
    worker = Professional(services, user_id=9001)
    await worker.links("abcd-1234")
    assert worker.keys == ["pro.linked"]
    other = Professional(services, user_id=9002)
    for code in ("ABCD-1234", "OLD-CODE", "WRONG", ""):
        await other.links(code)
        assert other.keys == ["pro.code_refused"], code


async def test_guessing_codes_is_rate_limited():
    services = fake_services()
    await invite(services)
    guesser = Professional(services, user_id=9003)
    for attempt in range(MAX_FAILED_LINK_ATTEMPTS):
        await guesser.links(f"GUESS-{attempt}")
    await guesser.links("ABCD-1234")
    assert guesser.keys == ["pro.too_many_attempts"]


async def test_non_member_is_refused_and_audited():
    services = fake_services()
    await reported(services)
    await invite(services, partner="wijkagent")
    outsider = Professional(services, user_id=9004)
    await outsider.links("ABCD-1234")
    await outsider.presses("p:acc:1")
    assert outsider.result.toast.key == "pro.not_allowed" and outsider.result.replies == []
    stranger = Professional(services, user_id=9005)
    await stranger.presses("p:acc:1")
    assert stranger.result.toast.key == "pro.not_allowed"
    assert (await services.meldingen.get(1)).status == "doorgezet"
    assert services.store.store.audit_log[-1][1] == "refused"


async def test_accept_ask_answer_close_round_trip():
    services = fake_services()
    resident = await reported(services)
    await invite(services)
    worker = Professional(services, user_id=9001)
    await worker.links("ABCD-1234")

    await worker.presses("p:acc:1")
    assert worker.keys == ["pro.accepted"]
    [accepted] = worker.result.notices
    assert (accepted.chat_id, accepted.locale, accepted.reply.message.key) == (501, "ar", "notice.accepted")

    await worker.presses("p:ask:1")
    assert "p:q:1:when" in worker.buttons and "p:qf:1" in worker.buttons
    await worker.presses("p:qf:1")
    assert worker.keys == ["pro.type_question"]
    await worker.types("Om hoe laat zijn ze er meestal?")
    assert worker.keys == ["pro.question_sent"]
    [question] = worker.result.notices
    assert question.reply.message.key == "notice.question"
    assert question.reply.message.param("question").text == "Om hoe laat zijn ze er meestal?"
    assert (await services.meldingen.get(1)).status == "vraag_aan_melder"

    answer_button = question.reply.buttons[0][0].data
    resident.replies = [question.reply]
    await resident.presses(answer_button)
    assert resident.keys == ["answer.ask"]
    await resident.says("كل مساء بعد الساعة العاشرة")
    assert resident.keys == ["answer.sent"]
    assert (await services.meldingen.get(1)).status == "in_behandeling"

    await worker.presses("p:cl:1")
    await worker.presses("p:c:1:talked")
    assert worker.keys == ["pro.closed"]
    [closing] = worker.result.notices
    assert (closing.chat_id, closing.locale, closing.reply.message.key) == (501, "ar", "notice.closed")
    assert closing.reply.message.param("message").key == "closing.talked"
    assert (await services.meldingen.get(1)).status == "afgehandeld"


async def test_forward_needs_a_reason_and_sends_a_new_card():
    services = fake_services()
    await reported(services)
    await invite(services)
    worker = Professional(services, user_id=9001)
    await worker.links("ABCD-1234")
    await worker.presses("p:fwd:1")
    assert "p:fw:1:wijkagent" in worker.buttons and "p:fw:1:jongerenwerk" not in worker.buttons
    await worker.presses("p:fw:1:wijkagent")
    assert worker.keys == ["pro.type_forward_reason"]
    await worker.types("Er wordt gedeald, dat is voor de wijkagent")
    assert worker.keys == ["pro.forwarded"]
    kinds = [(n.chat_id, n.kind) for n in worker.result.notices]
    assert (-400, "card_note") in kinds and (-400, "card") in kinds and (501, "status_push") in kinds
    melding = await services.meldingen.get(1)
    assert melding.partner_ids == ("wijkagent",) and melding.status == "doorgezet"


async def test_status_not_solvable_needs_an_explanation_for_the_resident():
    services = fake_services()
    await reported(services)
    await invite(services)
    worker = Professional(services, user_id=9001)
    await worker.links("ABCD-1234")
    await worker.presses("p:acc:1")
    await worker.presses("p:st:1")
    assert "p:set:1:niet_oplosbaar" in worker.buttons
    await worker.presses("p:set:1:niet_oplosbaar")
    assert worker.keys == ["pro.type_explanation"]
    await worker.types("Dit is privéterrein, daar mogen wij niet optreden.")
    assert (await services.meldingen.get(1)).status == "niet_oplosbaar"
    assert worker.result.notices[0].reply.message.key == "notice.not_solvable"


async def test_double_accept_is_explained_not_crashed():
    services = fake_services()
    await reported(services)
    await invite(services)
    worker = Professional(services, user_id=9001)
    await worker.links("ABCD-1234")
    await worker.presses("p:acc:1")
    await worker.presses("p:acc:1")
    assert worker.keys == ["pro.status_invalid"]


async def test_group_chatter_is_ignored():
    services = fake_services()
    worker = Professional(services, user_id=9009)
    await worker.types("goedemorgen allemaal")
    assert worker.result.replies == [] and worker.result.notices == []
    assert services.store.store.reporters == {}
