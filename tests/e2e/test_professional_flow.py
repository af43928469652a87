"""A melding travels from a resident to a partner group and back, through the real bot and fake Telegram."""
import os
import re
import subprocess
import sys

from tests.e2e.telegram_people import ChatParticipant, Resident, fixed_text
from tests.support.fake_bot_api import TEST_TOKEN

WONINGCORPORATIE_GROUP = -1009000000601
INSIDE_KOSTMAND = (52.2965, 5.224)
MEMBER, OUTSIDER = 7001, 7002


def invite_code(database_url: str, partner: str) -> str:
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "invite", "--partner", partner, "--role", "partner_member",
         "--database", database_url],
        capture_output=True, text=True, timeout=60, env={**os.environ, "BUURTLIJN_TELEGRAM_TOKEN": TEST_TOKEN},
        check=True,
    )
    return finished.stdout.splitlines()[0].strip()


class PartnerGroup(ChatParticipant):
    def __init__(self, api, chat_id: int) -> None:
        super().__init__(api, chat_id, "nl")

    def member_types(self, user_id: int, text: str) -> None:
        self.api.group_message(self.chat_id, user_id, text)

    def member_presses(self, user_id: int, data: str, message: dict) -> dict:
        assert data in self.offered(message), f"{data!r} not on the message: {self.offered(message)}"
        return self.api.user_presses_button(self.chat_id, data, message_id=message["message_id"], user_id=user_id)


async def callback_answer(api, callback_id: str) -> dict:
    return await api.wait_until(lambda: next(
        (call.payload for call in api.sent
         if call.method.lower() == "answercallbackquery" and call.payload.get("callback_query_id") == callback_id),
        None))


async def test_report_reaches_partner_who_asks_and_closes_while_resident_reads_arabic(bot_api, bot, database_url):
    group = PartnerGroup(bot_api, WONINGCORPORATIE_GROUP)
    code = invite_code(database_url, "woningcorporatie")
    group.member_types(MEMBER, f"/koppel {code}")
    await group.expect("pro.linked")

    resident = Resident(bot_api, chat_id=5100, locale="ar")
    reference = await resident.reports(
        "المصعد في عمارتنا معطل منذ أسبوعين والمؤجر لا يفعل شيئا، كبار السن لا يستطيعون الصعود",
        "woning", latitude=INSIDE_KOSTMAND[0], longitude=INSIDE_KOSTMAND[1])

    card = await group.expect("card.melding")
    assert reference in card["text"] and "المصعد" in card["text"]
    assert "5100" not in card["text"], "partners never see who reported"
    melding_id = re.search(r"p:acc:(\d+)", " ".join(group.offered(card))).group(1)

    refused = group.member_presses(OUTSIDER, f"p:acc:{melding_id}", card)
    answer = await callback_answer(bot_api, refused["callback_query"]["id"])
    assert answer.get("text") == fixed_text("pro.not_allowed", "nl")

    group.member_presses(MEMBER, f"p:acc:{melding_id}", card)
    await group.expect("pro.accepted")
    await resident.expect("notice.accepted")

    group.member_presses(MEMBER, f"p:ask:{melding_id}", card)
    choices = await group.expect("pro.choose_question")
    group.member_presses(MEMBER, f"p:qf:{melding_id}", choices)
    await group.expect("pro.type_question")
    group.member_types(MEMBER, "Op welke verdieping woont u? Dan sturen we de monteur.")
    await group.expect("pro.question_sent")

    question = await resident.expect("notice.question")
    assert "Op welke verdieping woont u?" in question["text"]
    await resident.press(resident.offered(question)[0])
    await resident.expect("answer.ask")
    await resident.says("أسكن في الطابق الرابع، الشقة رقم ١٢")
    await resident.expect("answer.sent")
    relayed = await group.expect("pro.resident_answered")
    assert "الطابق الرابع" in relayed["text"]

    group.member_presses(MEMBER, f"p:cl:{melding_id}", card)
    closings = await group.expect("pro.choose_closing")
    group.member_presses(MEMBER, f"p:c:{melding_id}:action", closings)
    await group.expect("pro.closed")
    closed = await resident.expect("notice.closed")
    assert fixed_text("closing.action", "ar") in closed["text"]

    await resident.says("/mijnmeldingen")
    listing = await resident.expect("mine.item")
    assert fixed_text("status.afgehandeld", "ar") in listing["text"]
