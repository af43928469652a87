import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.triage.arabizi import is_arabizi, to_arabic_script
from dialogs.triage.text import fold


@pytest.mark.parametrize("arabizi, arabic", [
    ("sekkine", "سكين"),            # knife
    ("7aram", "حرم"),
    ("3afak", "عفك"),
    ("el share3", "الشرع"),          # the article joins the next word
    ("daba kayn wa7d", "دب كين وحد"),
    ("ana w 2a5i", "ان و ءخي"),
    ("shoof", "شوف"),
    ("kello", "كلو"),                # a doubled consonant is written once
])
def test_arabizi_is_spelled_in_arabic_letters(arabizi, arabic):
    assert to_arabic_script(arabizi) == arabic


def test_numbers_stay_numbers_and_signs_are_dropped():
    assert to_arabic_script("taba2 5, nemra 41!!") == "تبء 5 نمر 41"


def test_only_arabic_without_arabic_letters_counts_as_arabizi():
    assert is_arabizi("daba kayn wa7d rajel", "ar")
    assert not is_arabizi("دابا كاين واحد", "ar")
    assert not is_arabizi("de lift is kapot", "nl")


@given(st.text(max_size=300))
def test_any_folded_text_gives_arabic_letters_digits_and_spaces_only(text):
    spelled = to_arabic_script(fold(text))
    assert not re.search(r"[a-z']", spelled)
    assert spelled == spelled.strip() and "  " not in spelled
