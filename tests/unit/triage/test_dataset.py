from collections import Counter

from dialogs.triage.dataset import load_messages
from dialogs.vocabulary import CATEGORIES, LANGUAGES, Urgency

MESSAGES = load_messages()


def test_every_category_has_enough_messages_in_every_language():
    counts = Counter((m.category, m.language) for m in MESSAGES)
    assert {(c, lang) for c in CATEGORIES for lang in LANGUAGES} == set(counts)
    assert min(counts.values()) >= 15
    assert len(MESSAGES) >= 900


def test_every_category_and_language_has_held_out_messages():
    held_out = Counter((m.category, m.language) for m in MESSAGES if m.split == "eval")
    assert min(held_out[(c, lang)] for c in CATEGORIES for lang in LANGUAGES) >= 10


def test_a_group_holds_its_situations_in_all_four_languages_within_one_split():
    groups: dict[str, list] = {}
    for message in MESSAGES:
        groups.setdefault(message.group, []).append(message)
    for group, messages in groups.items():
        per_language = Counter(m.language for m in messages)
        assert set(per_language) == set(LANGUAGES) and len(set(per_language.values())) == 1, group
        assert len({(m.split, m.category) for m in messages}) == 1, group


def test_held_out_messages_are_not_training_messages():
    train = {m.text.casefold() for m in load_messages("train")}
    assert not [m.text for m in load_messages("eval") if m.text.casefold() in train]
    assert len({m.text for m in MESSAGES}) == len(MESSAGES)


def test_both_splits_contain_acute_and_calm_messages():
    for split in ("train", "eval"):
        urgencies = Counter(m.urgency for m in load_messages(split))
        assert all(urgencies[u] > 0 for u in Urgency)
