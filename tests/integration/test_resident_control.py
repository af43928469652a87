"""/stop holds back everything not yet sent, also news already waiting for the morning; /start lets it flow again."""
from datetime import timedelta

from sqlalchemy import select

from dialogs.events import Sender
from dialogs.professional import hash_code
from storage import models
from storage.unit_of_work import UnitOfWork
from tests.integration.followup_world import COORDINATOR_CHAT, Coordinator, ResidentAt, World, local

T0 = local(2025, 3, 10, 10, 0)


async def coordinator_of(world: World) -> Coordinator:
    async with UnitOfWork(world.app.session_factory) as uow:
        await uow.professionals.add_invite(code_hash=hash_code("C-1"), partner_id="gemeente-oov",
                                           role="gemeente_coordinator", now=world.now,
                                           expires_at=world.now + timedelta(days=60))
        await uow.commit()
    coordinator = Coordinator(world, Sender("telegram", COORDINATOR_CHAT, "nl", user_id=1, private=False))
    await coordinator.link("C-1")
    return coordinator


async def test_stop_withdraws_news_waiting_for_the_morning_and_start_lets_follow_ups_through(database_url):
    world = await World.create(database_url, T0)
    try:
        coordinator = await coordinator_of(world)
        resident = ResidentAt(world, 77, "tr")
        melding_id = int((await resident.reports("Elke avond hangjongeren", "jongerenoverlast"))[3:]) - 1000
        await world.run_until(local(2025, 3, 10, 22, 0))
        await coordinator.on(melding_id, "acc:{id}")
        await world.run_until(local(2025, 3, 10, 22, 30))
        await resident.says("/stop")
        await world.run_until(local(2025, 3, 11, 12, 0))
        assert world.messages_to(77) == []
        async with UnitOfWork(world.app.session_factory) as uow:
            [(state, reason)] = (await uow.session.execute(
                select(models.OutboxMessage.state, models.OutboxMessage.last_error)
                .where(models.OutboxMessage.chat_id == 77))).all()
        assert (state, reason) == ("withdrawn", "withdrawn: the resident opted out")

        await resident.says("/start")
        await world.run_until(local(2025, 3, 24, 12, 0))
        received = [(m.kind, m.local_at.replace(tzinfo=None).isoformat()) for m in world.messages_to(77)]
        # Accepted on Monday evening: a week without news later it is night, so the update comes the next morning.
        assert received == [("interim_update", "2025-03-18T08:00:00")]
    finally:
        await world.app.close()
