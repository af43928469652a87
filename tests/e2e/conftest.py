"""End-to-end fixtures: the real bot as a subprocess, talking to a fake Telegram."""

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.gemeente.loader import example_gemeente_path
from tests.support.bot_process import BotProcess
from tests.support.fake_bot_api import FakeBotAPI

BOT_PROCESS = pytest.StashKey[BotProcess]()


@pytest.fixture
async def bot_api():
    async with FakeBotAPI() as api:
        yield api


@pytest.fixture
def database_url(tmp_path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'buurtlijn.sqlite3'}"


@pytest.fixture
def gemeente_path(tmp_path):
    """The gemeente configuration the bot runs with; override it in a test module to set one.

    By default the example, with its quiet hours moved half a day away from now: news to residents
    waits for the end of the quiet hours, and these tests run at any hour expecting answers within
    seconds. Quiet hours themselves are tested with an injected clock (tests/integration).
    """
    return gemeente_awake_now(tmp_path)


def gemeente_awake_now(directory: Path) -> Path:
    local_now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    start, end = local_now + timedelta(hours=12), local_now + timedelta(hours=13)
    text = example_gemeente_path().read_text(encoding="utf-8")
    text, found = re.subn(r'(\[quiet_hours\][^\n]*\n)from = "[^"]*"\nuntil = "[^"]*"',
                          rf'\1from = "{start:%H:%M}"\nuntil = "{end:%H:%M}"', text)
    assert found == 1, "the example gemeente no longer has the quiet hours this fixture moves"
    path = directory / "gemeente.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
async def bot(request, bot_api, database_url, gemeente_path, tmp_path):
    process = BotProcess(
        bot_api.base_url, database_url, gemeente_path=gemeente_path, log_dir=tmp_path
    )
    process.start()
    try:
        await process.wait_ready(bot_api)
        request.node.stash[BOT_PROCESS] = process
        yield process
    finally:
        crashed = process.exited_unexpectedly
        await process.stop()
    if crashed:
        pytest.fail(f"the bot exited with code {process.returncode} during the test; see its log")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    process = item.stash.get(BOT_PROCESS, None)
    if process is not None and report.failed:
        report.sections.append(("bot process log", process.log_text()))
    return report
