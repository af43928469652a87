"""The labelled messages shipped with the package (data/<category>.jsonl).

Each line is {"text", "language", "category", "urgency", "split", "group"}. Situations were written
in each of the four languages; a group holds a set of situations with all their translations, so
the translations of a message are always in its group, and a group is never split. Held-out
messages therefore have no translation in training, and cross-validation folds by group
(bench/triage_eval.py --compare) keep translations out of the fold they are tested on.

The "eval" split is held out: the models train on "train" only, and bench/triage_eval.py measures
on "eval".
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dialogs.vocabulary import CATEGORIES, LANGUAGES, Urgency

DATA_DIR = Path(__file__).parent / "data"
SPLITS = ("train", "eval")


@dataclass(frozen=True)
class LabelledMessage:
    text: str
    language: str
    category: str
    urgency: Urgency
    split: str
    group: str


def load_messages(split: str | None = None) -> list[LabelledMessage]:
    """All labelled messages, or those of one split, in a stable order."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    messages = []
    for path in sorted(DATA_DIR.glob("*.jsonl")):
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                messages.append(_parse(json.loads(line), f"{path.name}:{line_number}"))
    return [m for m in messages if split is None or m.split == split]


def _parse(row: dict, where: str) -> LabelledMessage:
    message = LabelledMessage(
        text=row["text"],
        language=row["language"],
        category=row["category"],
        urgency=Urgency(row["urgency"]),
        split=row["split"],
        group=row["group"],
    )
    if message.language not in LANGUAGES or message.category not in CATEGORIES:
        raise ValueError(f"{where}: unknown language or category")
    if message.split not in SPLITS:
        raise ValueError(f"{where}: unknown split {message.split!r}")
    return message
