import io
import json

from dialogs.triage.batch import classify_jsonl, classify_one
from dialogs.vocabulary import CATEGORIES, LANGUAGES, Urgency

RESULT_KEYS = {"id", "language", "category", "candidates", "urgency"}


def test_jsonl_keeps_going_past_malformed_lines():
    lines = "\n".join(
        [
            '{"id": 1, "text": "afval naast de container"}',
            "not json",
            '{"id": 2, "text": 42}',
            "",
            '["a list"]',
            '{"id": "b", "text": "the lift is broken"}',
        ]
    )
    output = io.StringIO()
    assert classify_jsonl(io.StringIO(lines), output) == 2
    rows = [json.loads(line) for line in output.getvalue().splitlines()]
    assert [row["id"] for row in rows] == [1, None, None, None, "b"]
    assert all("error" in row and row["id"] is None for row in rows[1:4])
    for row in (rows[0], rows[-1]):
        assert set(row) == RESULT_KEYS
        assert row["language"] in LANGUAGES and row["urgency"] in {u.value for u in Urgency}
        assert len(row["candidates"]) >= 3 and row["candidates"][0]["category"] == row["category"]
        assert {c["category"] for c in row["candidates"]} == set(CATEGORIES)


def test_classify_one_is_the_same_dict_without_id():
    result = classify_one("er wordt nu iemand neergestoken")
    assert set(result) == RESULT_KEYS - {"id"}
    assert result["urgency"] == "acuut" and result["category"] in CATEGORIES
