import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs import triage
from dialogs.vocabulary import CATEGORIES, LANGUAGES, Urgency


def assert_well_formed(result: triage.Triage) -> None:
    assert result.language in LANGUAGES
    assert result.category == result.candidates[0].category
    assert sorted(c.category for c in result.candidates) == sorted(CATEGORIES)
    assert (result.acute_kind is not None) == (result.urgency == Urgency.ACUUT)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😡😡😡", "x" * 10_000, "afval " * 2_000, "\x00\x1b\u200b\ud800\ufeff", "112!!", "\n\t\r", "٣٣٣ ؟؟"],
)
def test_never_raises_on_odd_input(triager, text):
    assert_well_formed(triager.classify(text))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    assert_well_formed(triage.load_triager().classify(text))


def test_a_danger_word_deep_in_a_long_message_is_still_found(triager):
    text = "lange uitleg over de buurt. " * 100 + "en nu staat er een man met een mes voor mijn deur"
    assert triager.classify(text).urgency == Urgency.ACUUT


def test_loads_and_classifies_with_the_network_unavailable(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    triage.load_triager.cache_clear()
    result = triage.load_triager().classify("Er staat een auto al weken verkeerd geparkeerd op de stoep")
    assert result.language == "nl" and result.category == "verkeer"


def test_loading_is_cached():
    assert triage.load_triager() is triage.load_triager()


def test_a_failing_model_gives_an_undecided_triage_not_an_error(triager, monkeypatch, caplog):
    class BrokenModel:
        def rank(self, features):
            raise RuntimeError("model file damaged")

    monkeypatch.setattr(triager, "_categories", BrokenModel())
    result = triager.classify("de lift is al weken kapot")
    assert_well_formed(result)
    assert result.category == "overig" and not result.language_confident
    assert result.urgency == Urgency.NORMAAL
    assert "triage failed" in caplog.text
