"""`buurtlijn broadcast`: residents who asked for news about their wijk get it, each in their own language
or in Dutch with a note in their own language saying so; nobody else does, and never at night."""
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from bot.admin import AdminError
from bot.broadcast import broadcast
from bot.settings import Settings
from dialogs.events import LocationShared
from dialogs.replies import Message, Verbatim
from storage import models
from storage.unit_of_work import UnitOfWork
from tests.integration.followup_world import ResidentAt, World, local
from tests.support.fake_bot_api import TEST_TOKEN

STAD_LANDE = (52.2965, 5.224)
TEXTS = {"nl": "We hebben de lantaarnpalen in Kostmand vervangen.", "en": "We replaced the street lights in Kostmand."}


async def opted_in(world: World, chat_id: int, locale: str, accept: bool = True) -> ResidentAt:
    resident = ResidentAt(world, chat_id, locale)
    await resident.says("/taal")
    await resident.presses(f"lang:{locale}")
    await resident.says("Elke avond hangjongeren bij het winkelcentrum")
    await resident.presses("i:cat:jongerenoverlast")
    await world.handle(resident.sender, LocationShared(*STAD_LANDE))
    for data in ("i:when:now", "i:priv:anonymous", "i:send"):
        await resident.presses(data)
    await resident.presses("f:in:y" if accept else "f:in:n")
    return resident


async def queued(world: World) -> dict[int, tuple[str, datetime]]:
    async with UnitOfWork(world.app.session_factory) as uow:
        rows = await uow.session.execute(select(models.OutboxMessage.chat_id, models.OutboxMessage.text,
                                                models.OutboxMessage.not_before)
                                         .where(models.OutboxMessage.kind == "broadcast"))
        return {chat_id: (text, not_before) for chat_id, text, not_before in rows}


async def test_followers_of_the_wijk_get_it_in_their_language_or_in_dutch_with_a_note(database_url):
    world = await World.create(database_url, local(2026, 3, 2, 10, 0))
    try:
        for chat_id, locale in ((1, "nl"), (2, "en"), (3, "ar"), (4, "tr")):
            await opted_in(world, chat_id, locale)
        await opted_in(world, 5, "en", accept=False)
        stopping = await opted_in(world, 6, "nl")
        await stopping.says("/stop")
        settings = Settings(database_url=database_url)
        result = await broadcast(settings, "stad-lande", TEXTS, now=world.now)
        assert (result.wijk_name, result.recipients) == ("Stad & Lande", 4)
        assert result.in_own_language == {"nl": 1, "en": 1} and result.in_dutch_instead == {"ar": 1, "tr": 1}
        messages = await queued(world)
        assert set(messages) == {1, 2, 3, 4}
        texts = world.app.texts
        assert messages[2][0] == texts.render(_message("broadcast.message", TEXTS["en"]), "en")
        assert messages[3][0] == texts.render(_message("broadcast.message_in_dutch", TEXTS["nl"]), "ar")
        assert TEXTS["nl"] in messages[4][0] and "Stad & Lande" in messages[4][0]
        assert {not_before for _, not_before in messages.values()} == {world.now}
    finally:
        await world.app.close()


def _message(key: str, text: str) -> Message:
    return Message(key, wijk=Verbatim("Stad & Lande"), text=Verbatim(text))


async def test_at_night_the_broadcast_waits_for_the_morning(database_url):
    world = await World.create(database_url, local(2026, 3, 2, 10, 0))
    try:
        await opted_in(world, 1, "nl")
        result = await broadcast(Settings(database_url=database_url), "stad-lande", TEXTS,
                                 now=local(2026, 3, 2, 22, 15))
        assert result.not_before == local(2026, 3, 3, 8, 0)
    finally:
        await world.app.close()


@pytest.mark.parametrize(("wijk", "texts", "complaint"), [
    ("nergens", TEXTS, "unknown wijk 'nergens'"),
    ("centrum", {"en": "English only"}, "needs a Dutch text"),
    ("centrum", {"nl": "x" * 4000}, "too long"),
])
async def test_refused_broadcasts_say_why(database_url, wijk, texts, complaint):
    with pytest.raises(AdminError, match=complaint):
        await broadcast(Settings(database_url=database_url), wijk, texts)


async def test_the_command_reads_texts_from_files_or_the_line(tmp_path, database_url):
    world = await World.create(database_url, datetime.now(timezone.utc))
    try:
        await opted_in(world, 1, "nl")
        await opted_in(world, 2, "ar")
    finally:
        await world.app.close()
    dutch = tmp_path / "nieuws.txt"
    dutch.write_text(TEXTS["nl"] + "\n", encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, "-m", "bot", "broadcast", "--wijk", "stad-lande", "--text-nl", str(dutch),
         "--text-en", TEXTS["en"], "--database", database_url],
        capture_output=True, text=True, timeout=60, env={**os.environ, "BUURTLIJN_TELEGRAM_TOKEN": TEST_TOKEN})
    assert finished.returncode == 0, finished.stderr
    assert "2 message(s) queued for Stad & Lande: nl 1, ar 1 (Dutch, with a note)." in finished.stdout
    async with UnitOfWork(world.app.session_factory) as uow:
        texts = (await uow.session.scalars(select(models.OutboxMessage.text).where(
            models.OutboxMessage.kind == "broadcast", models.OutboxMessage.chat_id == 1))).all()
    assert texts and TEXTS["nl"] in texts[0] and not texts[0].endswith("\n")
