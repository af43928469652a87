from collections import Counter

from dialogs.triage.dataset import load_messages
from dialogs.vocabulary import CATEGORIES, LANGUAGES, Urgency

MESSAGES = load_messages()


def test_every_category_has_enough_messages_in_every_language():
    counts = Counter((m.category, m.language) for m in MESSAGES)
    assert {(c, lang) for c in CATEGORIES for lang in LANGUAGES} == set(counts)
    assert min(counts.values()) >= 15
    assert len(MESSAGES) >= 900


def test_about_a_quarter_of_each_category_and_language_is_held_out():
    for category in CATEGORIES:
        for language in LANGUAGES:
            cell = [m for m in MESSAGES if m.category == category and m.language == language]
            held_out = sum(m.split == "eval" for m in cell) / len(cell)
            assert 0.18 <= held_out <= 0.30, (category, language, held_out)


def test_held_out_messages_are_not_training_messages():
    train = {m.text.casefold() for m in load_messages("train")}
    assert not [m.text for m in load_messages("eval") if m.text.casefold() in train]
    assert len({m.text for m in MESSAGES}) == len(MESSAGES)


def test_both_splits_contain_acute_and_calm_messages():
    for split in ("train", "eval"):
        urgencies = Counter(m.urgency for m in load_messages(split))
        assert all(urgencies[u] > 0 for u in Urgency)
