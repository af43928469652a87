import logging
import shutil
from dataclasses import dataclass

import pytest

from dialogs.triage import model_cache
from dialogs.triage.model_cache import TRIAGE_PACKAGE, fingerprint, load_or_train


@dataclass
class Trained:
    weights: tuple[int, ...]


class Trainer:
    def __init__(self):
        self.runs = 0

    def __call__(self) -> Trained:
        self.runs += 1
        return Trained((1, 2, 3))


def cache_files(directory):
    return sorted(p.name for p in directory.glob("triager-*.pickle"))


def test_trains_once_then_reads_the_cache(tmp_path):
    trainer = Trainer()
    first = load_or_train(trainer, tmp_path, Trained)
    second = load_or_train(trainer, tmp_path, Trained)
    assert trainer.runs == 1 and first == second
    assert cache_files(tmp_path) == [f"triager-{fingerprint()}.pickle"]


def test_an_unreadable_cache_is_replaced_by_training(tmp_path, caplog):
    (tmp_path / f"triager-{fingerprint()}.pickle").write_bytes(b"not a pickle")
    trainer = Trainer()
    with caplog.at_level(logging.WARNING):
        assert load_or_train(trainer, tmp_path, Trained) == Trained((1, 2, 3))
    assert trainer.runs == 1 and "unreadable" in caplog.text
    load_or_train(trainer, tmp_path, Trained)
    assert trainer.runs == 1


def test_a_cache_holding_something_else_is_not_used(tmp_path):
    load_or_train(lambda: {"not": "a model"}, tmp_path, dict)
    trainer = Trainer()
    assert load_or_train(trainer, tmp_path, Trained) == Trained((1, 2, 3))
    assert trainer.runs == 1


def test_an_unwritable_cache_directory_still_gives_a_model(tmp_path):
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("")
    trainer = Trainer()
    assert load_or_train(trainer, blocked / "cache", Trained) == Trained((1, 2, 3))
    assert load_or_train(trainer, blocked / "cache", Trained) == Trained((1, 2, 3))
    assert trainer.runs == 2


def test_models_of_older_data_are_removed(tmp_path):
    (tmp_path / "triager-0123456789abcdef0123.pickle").write_bytes(b"old")
    load_or_train(Trainer(), tmp_path, Trained)
    assert cache_files(tmp_path) == [f"triager-{fingerprint()}.pickle"]


def test_the_fingerprint_changes_with_the_data(tmp_path):
    package = tmp_path / "triage"
    shutil.copytree(TRIAGE_PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(package)
    assert fingerprint(package) == before
    with (package / "data" / "overig.jsonl").open("a", encoding="utf-8") as data:
        data.write("\n")
    assert fingerprint(package) != before


def test_the_cache_directory_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BUURTLIJN_CACHE_DIR", str(tmp_path / "explicit"))
    assert model_cache.default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("BUURTLIJN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert model_cache.default_cache_dir() == tmp_path / "xdg" / "buurtlijn"


def test_a_cached_triager_answers_like_a_freshly_trained_one(tmp_path):
    from dialogs.triage.dataset import load_messages
    from dialogs.triage.triager import Triager, train_triager

    fresh = load_or_train(lambda: train_triager(load_messages("train")), tmp_path, Triager)
    cached = load_or_train(lambda: pytest.fail("trained again"), tmp_path, Triager)
    assert cached is not fresh
    texts = ("er staat nu een man met een mes voor mijn deur", "çöp konteynerleri yine taştı", "الجيران عم يعملوا صوت كل ليلة")
    for text in texts:
        assert cached.classify(text) == fresh.classify(text)
