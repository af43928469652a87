"""Message keys for the closed sets of the vocabulary, spelled out so `pybabel extract` finds them."""
from __future__ import annotations

from dialogs.replies import N_
from dialogs.vocabulary import Frequency, PrivacyMode

CATEGORY_LABELS: dict[str, str] = {
    "jongerenoverlast": N_("category.jongerenoverlast"),
    "drugs": N_("category.drugs"),
    "verward_gedrag": N_("category.verward_gedrag"),
    "burenoverlast": N_("category.burenoverlast"),
    "openbare_ruimte": N_("category.openbare_ruimte"),
    "vandalisme": N_("category.vandalisme"),
    "discriminatie": N_("category.discriminatie"),
    "spanningen": N_("category.spanningen"),
    "bedreiging_geweld": N_("category.bedreiging_geweld"),
    "huiselijk_geweld": N_("category.huiselijk_geweld"),
    "zorg_om_buurtbewoner": N_("category.zorg_om_buurtbewoner"),
    "woning": N_("category.woning"),
    "verkeer": N_("category.verkeer"),
    "idee_initiatief": N_("category.idee_initiatief"),
    "overig": N_("category.overig"),
}

GUIDANCE: dict[str, str] = {
    "jongerenoverlast": N_("guidance.jongerenoverlast"),
    "drugs": N_("guidance.drugs"),
    "verward_gedrag": N_("guidance.verward_gedrag"),
    "burenoverlast": N_("guidance.burenoverlast"),
    "openbare_ruimte": N_("guidance.openbare_ruimte"),
    "vandalisme": N_("guidance.vandalisme"),
    "discriminatie": N_("guidance.discriminatie"),
    "spanningen": N_("guidance.spanningen"),
    "bedreiging_geweld": N_("guidance.bedreiging_geweld"),
    "huiselijk_geweld": N_("guidance.huiselijk_geweld"),
    "zorg_om_buurtbewoner": N_("guidance.zorg_om_buurtbewoner"),
    "woning": N_("guidance.woning"),
    "verkeer": N_("guidance.verkeer"),
    "idee_initiatief": N_("guidance.idee_initiatief"),
    "overig": N_("guidance.overig"),
}

FREQUENCY_LABELS: dict[str, str] = {
    Frequency.NOW: N_("frequency.now"),
    Frequency.TODAY: N_("frequency.today"),
    Frequency.RECURRING: N_("frequency.recurring"),
}

PRIVACY_LABELS: dict[str, str] = {
    PrivacyMode.WITH_CONTACT: N_("privacy.contact"),
    PrivacyMode.ANONYMOUS: N_("privacy.anonymous"),
    PrivacyMode.ADVICE_ONLY: N_("privacy.advice"),
}

PUBLIC_STATUS_LABELS: dict[str, str] = {
    "ontvangen": N_("status.ontvangen"),
    "in_behandeling": N_("status.in_behandeling"),
    "vraag_aan_u": N_("status.vraag_aan_u"),
    "afgehandeld": N_("status.afgehandeld"),
    "heropend": N_("status.heropend"),
}

# Each language is named in its own words, so the catalogs give these the same text everywhere.
LANGUAGE_NAMES: dict[str, str] = {
    "nl": N_("language.name.nl"),
    "ar": N_("language.name.ar"),
    "tr": N_("language.name.tr"),
    "en": N_("language.name.en"),
}

# Categories where fear of reprisals is common enough to point to Meld Misdaad Anoniem.
REPRISAL_RISK_CATEGORIES = frozenset({"drugs", "bedreiging_geweld", "vandalisme", "jongerenoverlast"})

INTERNAL_STATUS_LABELS: dict[str, str] = {
    "nieuw": N_("internal_status.nieuw"),
    "doorgezet": N_("internal_status.doorgezet"),
    "in_behandeling": N_("internal_status.in_behandeling"),
    "vraag_aan_melder": N_("internal_status.vraag_aan_melder"),
    "afgehandeld": N_("internal_status.afgehandeld"),
    "niet_oplosbaar": N_("internal_status.niet_oplosbaar"),
    "doorverwezen": N_("internal_status.doorverwezen"),
    "heropend": N_("internal_status.heropend"),
}

ROLE_LABELS: dict[str, str] = {
    "partner_member": N_("role.partner_member"),
    "partner_coordinator": N_("role.partner_coordinator"),
    "gemeente_coordinator": N_("role.gemeente_coordinator"),
    "admin": N_("role.admin"),
}

# Questions a partner can send with one tap; the resident reads them in their own language.
QUESTION_TEMPLATES: dict[str, str] = {
    "where": N_("question.where"),
    "when": N_("question.when"),
    "details": N_("question.details"),
    "ongoing": N_("question.ongoing"),
}
QUESTION_BUTTONS: dict[str, str] = {
    "where": N_("question_button.where"),
    "when": N_("question_button.when"),
    "details": N_("question_button.details"),
    "ongoing": N_("question_button.ongoing"),
}

CLOSING_TEMPLATES: dict[str, str] = {
    "solved": N_("closing.solved"),
    "action": N_("closing.action"),
    "talked": N_("closing.talked"),
    "watch": N_("closing.watch"),
}
CLOSING_BUTTONS: dict[str, str] = {
    "solved": N_("closing_button.solved"),
    "action": N_("closing_button.action"),
    "talked": N_("closing_button.talked"),
    "watch": N_("closing_button.watch"),
}
