import numpy as np

from dialogs.triage import sentences


def test_the_same_meaning_in_another_language_lies_closer_than_another_subject():
    dutch, arabic, turkish, english, other = sentences.encode([
        "er ligt een man op straat en hij beweegt niet",
        "في رجل ملقى في الشارع ولا يتحرك",
        "sokakta bir adam yerde yatıyor ve hareket etmiyor",
        "a man is lying in the street and he is not moving",
        "the street light in front of our house has been broken for weeks",
    ])
    for translation in (arabic, turkish, english):
        assert dutch @ translation > dutch @ other + 0.1


def test_rows_are_unit_vectors_of_fixed_width():
    embeddings = sentences.encode(["kort", "een wat langer bericht over de buren"])
    assert embeddings.shape == (2, 512)
    assert np.allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-3)


def test_only_the_opening_of_a_long_story_is_encoded():
    story = "De buren maken elke nacht herrie. " * 300
    assert np.allclose(sentences.encode([story]), sentences.encode([story[: sentences.MAX_ENCODED_CHARS]]))
