import pytest

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async


@pytest.fixture
async def database_url(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'buurtlijn.sqlite3'}"
    await upgrade_async(url)
    return url


@pytest.fixture
async def session_factory(database_url):
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()
