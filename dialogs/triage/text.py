"""Text preparation shared by every triage step.

Residents type on phones: mixed case, missing diacritics ("bicak" for "bıçak"), Arabic with or
without vowel marks and with several spellings of alef. Folding maps these variants onto one form
so that a keyword or an n-gram learned from one spelling also matches the others.
"""
from __future__ import annotations

import re
import unicodedata

# Telegram messages are at most 4096 characters; the cap only bounds latency for other callers.
MAX_CHARS = 5000

_LETTER_MAP = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i: typed as "i" by anyone on a non-Turkish keyboard
        "ة": "ه",  # teh marbuta and heh are used interchangeably in chat Arabic
        "ى": "ي",  # alef maksura written for yeh and the other way round
        "ـ": None,  # tatweel only stretches a word
        "’": "'",
        "‘": "'",
        "`": "'",
    }
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_WHITESPACE = re.compile(r"\s+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def clean(text: str) -> str:
    """Drop control and format characters, unify whitespace and cap the length."""
    text = text[:MAX_CHARS]
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" ")
        else:
            kept.append(char)
    return _WHITESPACE.sub(" ", "".join(kept)).strip()


def fold(text: str) -> str:
    """Lower-case and strip diacritics so that spelling variants meet (expects `clean` output)."""
    lowered = text.replace("İ", "i").replace("I", "i").lower()
    decomposed = unicodedata.normalize("NFKD", lowered)
    without_marks = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return without_marks.translate(_LETTER_MAP).translate(_ARABIC_DIGITS)


def letter_count(text: str) -> int:
    return sum(len(run) for run in _LETTER_RUN.findall(text))
