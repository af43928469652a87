from dialogs.triage.concepts import ConceptLexicon
from dialogs.triage.text import clean, fold


def find(patterns: dict, text: str, language: str = "nl") -> dict:
    return ConceptLexicon(patterns).find(fold(clean(text)), language)


def test_a_plain_word_matches_inflections_and_exact_words_do_not():
    patterns = {"knife": {"tr": ["bicak"], "nl": ["=mes"]}}
    assert find(patterns, "elinde bıçakla bağırıyor", "tr") == {"knife": 1}
    assert find(patterns, "hij heeft een mes", "nl") == {"knife": 1}
    assert find(patterns, "er staat een mest hoop", "nl") == {}


def test_infix_finds_dutch_compounds():
    assert find({"youth": {"nl": ["*jongeren"]}}, "hangjongeren bij de snackbar") == {"youth": 1}


def test_short_words_inside_a_phrase_must_be_whole():
    patterns = {"past": {"nl": ["na het"]}}
    assert find(patterns, "na het feest") == {"past": 1}
    assert find(patterns, "naast het speelveld") == {}


def test_arabic_words_match_behind_proclitics():
    patterns = {"neighbour": {"ar": ["جيران"]}}
    assert find(patterns, "وبالجيران", "ar") == {"neighbour": 1}


def test_dutch_loanwords_count_in_other_languages_but_short_words_do_not():
    patterns = {"police": {"nl": ["wijkagent"]}, "gun": {"en": ["=gun"]}, "cat": {"nl": ["=kat"]}}
    assert find(patterns, "wijkagent'a söyledim", "tr") == {"police": 1}
    assert find(patterns, "bütün gün üst kat gürültü", "tr") == {}
    assert find(patterns, "he has a gun", "en") == {"gun": 1}


def test_exclamation_marks_are_tokens():
    assert find({"urgent": {"nl": ["!!"]}}, "help!!!") == {"urgent": 1}


def test_colloquial_turkish_present_tense_matches_the_written_form():
    patterns = {"hitting": {"tr": ["vuruyor"]}, "shouting": {"tr": ["=bagiriyor"]}}
    assert find(patterns, "adam çocuğa vuruyo", "tr") == {"hitting": 1}
    assert find(patterns, "kadın bağırıyo", "tr") == {"shouting": 1}
    assert find(patterns, "ik eet mayo", "nl") == {}
