import os
import shutil
import tempfile

_cache_dir = tempfile.mkdtemp(prefix="buurtlijn-test-cache-")


def pytest_configure(config):
    # One model cache per test run, shared with the bot processes the end-to-end tests start:
    # the first of them trains the triager, the rest load it, and nothing lands in ~/.cache.
    os.environ["BUURTLIJN_CACHE_DIR"] = _cache_dir


def pytest_unconfigure(config):
    shutil.rmtree(_cache_dir, ignore_errors=True)
