import io
import json
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs import triage
from dialogs.triage.batch import classify_jsonl
from dialogs.vocabulary import CATEGORIES, LANGUAGES, AcuteKind, Urgency


@pytest.fixture(scope="module")
def triager():
    return triage.load_triager()


@pytest.mark.parametrize("text, language", [
    ("Er ligt al dagen een berg afval naast de containers bij ons in de straat", "nl"),
    ("في زبالة كتير مرمية جنب الحاويات بشارعنا من أيام", "ar"),
    ("Sokağımızdaki konteynerlerin yanında günlerdir çöp yığını var", "tr"),
    ("There has been a pile of rubbish next to the containers in our street for days", "en"),
])
def test_language_and_category_in_each_language(triager, text, language):
    result = triager.classify(text)
    assert result.language == language and result.language_confident
    assert "openbare_ruimte" in [c.category for c in result.candidates[:3]]
    assert result.urgency != Urgency.ACUUT


@pytest.mark.parametrize("now, past", [
    ("Er wordt nu iemand neergestoken voor de snackbar, kom snel",
     "Vorige maand is er iemand neergestoken in onze straat, sindsdien durf ik niet meer naar buiten"),
    ("Someone is being stabbed right now in front of the snack bar, come quick",
     "Last month someone was stabbed in our street and since then I am afraid to go out"),
])
def test_danger_now_is_acute_and_a_past_event_is_not(triager, now, past):
    acute = triager.classify(now)
    assert acute.urgency == Urgency.ACUUT and acute.acute_kind == AcuteKind.DANGER
    assert triager.classify(past).urgency != Urgency.ACUUT


def test_suicide_signal_names_113(triager):
    result = triager.classify("Mijn buurman zegt steeds dat hij zelfmoord wil plegen, hij staat nu op het balkon")
    assert result.urgency == Urgency.ACUUT and result.acute_kind == AcuteKind.SUICIDE


def test_candidates_cover_every_category_best_first(triager):
    result = triager.classify("Elke avond hangen jongeren rond bij de ingang van de flat en ze schreeuwen")
    scores = [c.score for c in result.candidates]
    assert sorted(c.category for c in result.candidates) == sorted(CATEGORIES)
    assert scores == sorted(scores, reverse=True) and abs(sum(scores) - 1) < 1e-6
    assert result.category == result.candidates[0].category


@pytest.mark.parametrize("text", ["", "   ", "😡😡😡", "x" * 10_000, "\x00\x1b\u200b\ud800", "112!!"])
def test_never_raises_and_stays_undecided_without_words(triager, text):
    result = triager.classify(text)
    assert result.language in LANGUAGES and len(result.candidates) == len(CATEGORIES)


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    result = triage.load_triager().classify(text)
    assert result.category in CATEGORIES


def test_jsonl_contract_survives_a_malformed_line():
    lines = '{"id": 1, "text": "afval naast de container"}\nnot json\n{"id": "b", "text": "the lift is broken"}\n'
    output = io.StringIO()
    assert classify_jsonl(io.StringIO(lines), output) == 2
    rows = [json.loads(line) for line in output.getvalue().splitlines()]
    assert [row["id"] for row in rows] == [1, None, "b"]
    assert "error" in rows[1]
    for row in (rows[0], rows[2]):
        assert set(row) == {"id", "language", "category", "candidates", "urgency"}
        assert len(row["candidates"]) >= 3 and row["candidates"][0]["category"] == row["category"]


def test_loads_and_classifies_with_the_network_unavailable(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    triage.load_triager.cache_clear()
    result = triage.load_triager().classify("Er staat een auto al weken verkeerd geparkeerd op de stoep")
    assert result.language == "nl"


def test_a_repeated_word_is_not_enough_to_decide_the_language(triager):
    assert not triager.classify("afval " * 2000).language_confident
    assert not triager.classify("ok ok").language_confident
