"""Danger now, in four languages: the rules that put 112 (or 113) before any question.

A model alone misses rare phrasings, and a missed emergency is the one error Buurtlijn may not
make; so acute danger is also recognised by rule: a word for violence, weapons, fire or suicide
together with a sign that it is happening now — and no sign that it is a past event or hearsay.
Patterns are matched on folded text (`text.fold`): lower case, no diacritics.
"""
from __future__ import annotations

import re

from dialogs.vocabulary import AcuteKind

_SUICIDE = re.compile(
    r"zelfmoord|zichzelf (van kant|iets aan)|van het dak (springen|spring)|wil niet meer leven|"
    r"suicid|kill (my|him|her)self|end (my|his|her) life|jump (off|from)|"
    r"intihar|kendini (oldur|asacag|atacag)|"
    r"انتحار|ينتحر|تنتحر|يقتل حاله|تقتل حالها|يقتل نفسه|ينط من|رح يرمي حاله"
)
_DANGER = re.compile(
    r"neergestoken|steekt|steken|gestoken|\bmes(sen)?\b|pistool|vuurwapen|\bwapen|geschoten|schiet|"
    r"\bbrand\b|in brand|in de fik|vlammen|vuur\b|slaat|slaan|geslagen|trappen|schoppen|vecht|vermoord|bloedt|"
    r"bewusteloos|"
    r"stab|knife|knives|\bgun\b|shot|shoot|fire\b|flames|alight|beating|hitting|kicking|fighting|\bfight\b|"
    r"kill|bleeding|unconscious|smashing|"
    r"bicak|tabanca|silah|ates (ed|ver)|yaniyor|alev|dovuyor|doven|kavga|tekmeli|oldurec|kaniyor|baygin|"
    r"انطعن|طعن|سكين|سكاكين|مسدس|سلاح|رصاص|تحترق|حريق|النار|يولعوا|حرقوا|يضرب|يضربو|ضرب|يرفس|عركه|يتضاربوا|"
    r"يقتل|ينزف|فاقد الوعي|"
    r"\bmos\b|kaydrb|kayDrb|ydrb|darb|9tel|qtel"
)
_NOW = re.compile(
    r"\bnu\b|\bnet\b|op dit moment|\bnow\b|right now|just\b|\bstill\b|keep|doesnt stop|come quick|help|"
    r"su an|simdi|hemen|az once|\bhala\b|durmuyor|cabuk|yardim|"
    r"هلق|هلا|الان|الآن|عم |بسرعة|ما عم يوقف|بعدهم|"
    r"daba|dghya|ajiw|3tqo|blijven|houdt niet op|kom snel|!!"
)
_PAST_OR_HEARSAY = re.compile(
    r"vorige (week|maand|jaar)|gisteren|vorig jaar|geleden|ik hoorde dat|schijnt|"
    r"last (week|month|year|night)|yesterday|ago|i heard that|apparently|"
    r"gecen (hafta|ay|yil)|dun\b|once\b.*(oldu|yasandi)|duydum ki|"
    r"الشهر الماضي|الاسبوع الماضي|السنة الماضية|امبارح|مبارح|من شهر|من اسبوع|سمعت انو|"
    r"lmard|l3am li fat|chher li fat"
)


def acute_kind(folded: str) -> AcuteKind | None:
    """The emergency a message signals now, or None; suicide wins because 113 must be named."""
    if _PAST_OR_HEARSAY.search(folded) and not re.search(r"\bnu\b|right now|su an|هلق|الان|daba", folded):
        return None
    if _SUICIDE.search(folded):
        return AcuteKind.SUICIDE
    if _DANGER.search(folded) and _NOW.search(folded):
        return AcuteKind.DANGER
    return None
