"""Batch use: classify JSON lines, for imports and for checking the model on real exports.

Input lines are {"id": ..., "text": "..."}; each produces one output line
{"id", "language", "category", "candidates": [{"category", "score"}, ...] best first (all 15),
"urgency"}. A line that cannot be read produces {"id": null, "error": "...", "line": n} and the
run continues, so one bad record never stops an import.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from dialogs.triage.result import Triage
from dialogs.triage.triager import load_triager

SCORE_DECIMALS = 4


def classify_one(text: str) -> dict[str, Any]:
    return _as_dict(load_triager().classify(text))


def classify_jsonl(in_stream: Iterable[str], out_stream: TextIO) -> int:
    """Classify every non-blank line of `in_stream`; returns how many were classified (not errors)."""
    classified = 0
    for line_number, line in enumerate(in_stream, 1):
        if not line.strip():
            continue
        row = _classify_line(line, line_number)
        out_stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        classified += "error" not in row
    out_stream.flush()
    return classified


def _classify_line(line: str, line_number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return _error(f"not valid JSON: {error.msg}", line_number)
    if not isinstance(record, dict):
        return _error("expected a JSON object", line_number)
    text = record.get("text")
    if not isinstance(text, str):
        return _error('missing or non-string "text"', line_number)
    return {"id": record.get("id"), **classify_one(text)}


def _error(message: str, line_number: int) -> dict[str, Any]:
    return {"id": None, "error": message, "line": line_number}


def _as_dict(triage: Triage) -> dict[str, Any]:
    return {
        "language": triage.language,
        "category": triage.category,
        "candidates": [{"category": c.category, "score": round(c.score, SCORE_DECIMALS)} for c in triage.candidates],
        "urgency": triage.urgency.value,
    }
