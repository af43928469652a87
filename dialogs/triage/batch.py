"""`buurtlijn classify`: one JSON line out for every JSON line in, or one text."""
from __future__ import annotations

import json
from typing import TextIO

from dialogs.triage import Triage, load_triager

MIN_CANDIDATES = 3


def as_json(triage: Triage) -> dict:
    return {
        "language": triage.language,
        "category": triage.category,
        "candidates": [{"category": c.category, "score": round(c.score, 4)} for c in triage.candidates],
        "urgency": triage.urgency.value,
    }


def classify_one(text: str) -> dict:
    return as_json(load_triager().classify(text))


def classify_jsonl(in_stream: TextIO, out_stream: TextIO) -> int:
    """Returns how many lines were classified; a malformed line gets an error line and the rest go on."""
    classified = 0
    for line in in_stream:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            identifier, text = item["id"], item["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
        except (ValueError, KeyError, TypeError) as error:
            out_stream.write(json.dumps({"id": None, "error": f"{type(error).__name__}: {error}"}) + "\n")
            continue
        out_stream.write(json.dumps({"id": identifier, **classify_one(text)}, ensure_ascii=False) + "\n")
        classified += 1
    out_stream.flush()
    return classified
