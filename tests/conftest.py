import os
from pathlib import Path

# One model cache for all test runs (under .pytest_cache, which git ignores), shared with the bot
# processes the end-to-end tests start. A cached model is only used for exactly the current data
# and code, so a rerun loads in a second what the first run trained.
MODEL_CACHE = Path(__file__).resolve().parents[1] / ".pytest_cache" / "buurtlijn-models"


def pytest_configure(config):
    os.environ["BUURTLIJN_CACHE_DIR"] = str(MODEL_CACHE)


def pytest_sessionstart(session):
    # Training takes most of a minute: do it before the first test, not inside a bot process that
    # an end-to-end test is waiting on.
    from dialogs.triage import load_triager

    load_triager()
