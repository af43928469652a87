import pytest

from dialogs.triage.acute import AcuteDetector
from dialogs.triage.concepts import ConceptLexicon
from dialogs.triage.text import clean, fold
from dialogs.triage.triager import ACUTE_CUES_FILE, CONCEPTS_FILE
from dialogs.triage.urgency import UrgencyModel
from dialogs.vocabulary import AcuteKind, Urgency

NOW_AND_NOT_NOW = [
    ("er wordt nu iemand neergestoken", "vorige maand is er iemand neergestoken"),
    (
        "Er wordt nu iemand neergestoken voor de snackbar, kom snel",
        "Vorige maand is er iemand neergestoken in onze straat, sindsdien durf ik niet meer naar buiten",
    ),
    ("هلق في حدا انطعن قدام محل السناك، تعالوا بسرعة", "الشهر الماضي انطعن واحد بشارعنا وهلق الناس خايفة"),
    ("şu an snackbarın önünde biri bıçaklanıyor, çabuk gelin", "geçen ay sokağımızda biri bıçaklandı, herkes korkuyor"),
    (
        "Someone is being stabbed right now in front of the snack bar, come quick",
        "Last month someone was stabbed in our street and since then I am afraid to go out",
    ),
    ("de container naast de flat staat nu in brand", "de jongens steken elke avond vuurwerk af bij de speeltuin"),
    ("the neighbour is beating his wife right now, i can hear her screaming", "i heard that the neighbour used to hit his wife"),
    ("الجار عم يضرب مرتو هلق وعم تصرخ", "سمعت انو الجار كان يضرب مرتو زمان"),
    ("komşu şu an karısını dövüyor, çığlıklarını duyuyorum", "geçen yıl komşu karısını dövmüştü, şimdi sessiz"),
    ("het huis van de buren staat in brand!", "cars keep parking in front of the exit of the fire station"),
    # A life in danger now, without words for violence or fire:
    (
        "er ligt een man op het bankje, hij ademt bijna niet en heeft blauwe lippen",
        "vorige week lag er een man op het bankje, de ambulance heeft hem meegenomen",
    ),
    (
        "there is a strong gas smell in our stairwell right now, what do i do",
        "the stairwell is full of old furniture, if there is a fire nobody gets out",
    ),
    (
        "sayaç dolabından kıvılcım ve duman çıkıyor!! merdivendeki ışıklar yanıp sönüyor",
        "sokak lambası gündüz de yanıyor, kimse tamir etmiyor",
    ),
    (
        "جارتنا الختيارة عم تنادي من ورا الباب انها وقعت وما فيها توقف",
        "الاسبوع الماضي جارتنا وقعت عالدرج، هلق صارت منيحة",
    ),
]


@pytest.mark.parametrize("now, not_now", NOW_AND_NOT_NOW)
def test_danger_now_is_acute_and_past_or_hearsay_is_not(triager, now, not_now):
    acute = triager.classify(now)
    assert acute.urgency == Urgency.ACUUT and acute.acute_kind == AcuteKind.DANGER
    calm = triager.classify(not_now)
    assert calm.urgency != Urgency.ACUUT and calm.acute_kind is None


@pytest.mark.parametrize(
    "text",
    [
        "Mijn buurman zegt steeds dat hij zelfmoord wil plegen, hij staat nu op het balkon",
        "mijn zus appt dat ze niet meer wil leven en pillen heeft genomen",
        "صاحبي بعتلي انو رح ينهي حياتو الليلة",
        "arkadaşım hayatına son vereceğini yazdı, telefonu açmıyor",
        "my neighbour keeps saying he wants to kill himself",
        # A farewell message says it without the word:
        "mijn buurman appte net 'sorry voor alles, morgen ben ik er niet meer'. hij doet niet open",
        "komşum az önce 'yarın artık olmayacağım' diye mesaj attı, kapıyı açmıyor",
    ],
)
def test_someone_threatening_suicide_gets_113(triager, text):
    result = triager.classify(text)
    assert result.urgency == Urgency.ACUUT and result.acute_kind == AcuteKind.SUICIDE


def test_a_suicide_in_the_past_is_not_acute(triager):
    assert triager.classify("vorig jaar heeft een buurman zelfmoord gepleegd, de straat is er nog stil van").urgency != Urgency.ACUUT


@pytest.mark.parametrize(
    "text",
    [
        "er staat een peuter alleen op het balkon op de zesde verdieping bij de rand",
        "a toddler is walking alone next to the busy road, no parents anywhere",
    ],
)
def test_a_young_child_in_danger_now_is_acute(triager, text):
    assert triager.classify(text).urgency == Urgency.ACUUT


def test_ideas_are_low_and_acute_kind_only_comes_with_acute(triager):
    idea = triager.classify("idee: een moestuin met de buren op het lege veldje achter de school")
    assert idea.urgency == Urgency.LAAG and idea.acute_kind is None


@pytest.mark.parametrize(
    "text",
    [
        "kinderen spelen in het park met nepwapens die er echt uitzien, een mevrouw schrok zich rot",
        "two neighbours in our block have been fighting over a fence for months",
        "elke avond racet hier een auto, gisteren moest een jongetje opzij springen",
    ],
)
def test_words_for_danger_used_for_something_else_are_not_acute(triager, text):
    assert triager.classify(text).urgency != Urgency.ACUUT


class ScriptedAcuteModel:
    """Says how likely `acute` is, whatever the features; the rules are the real ones."""

    classes_ = [False, True]

    def __init__(self, probability: float):
        self.probability = probability

    def predict_proba(self, features):
        return [[1 - self.probability, self.probability]]


class ScriptedLevels:
    def predict(self, features):
        return ["normaal"]


def judged(text: str, language: str, acute_probability: float):
    model = UrgencyModel(AcuteDetector.from_json(ACUTE_CUES_FILE), ScriptedAcuteModel(acute_probability),
                         ScriptedLevels())
    folded = fold(clean(text))
    return model.judge(folded, language, ConceptLexicon.from_json(CONCEPTS_FILE).find(folded, language), None)


KNIFE_AT_THE_DOOR = "er staat nu een man met een mes voor mijn deur"


def test_the_model_overrules_a_danger_cue_only_when_all_but_sure_the_message_is_calm():
    assert judged(KNIFE_AT_THE_DOOR, "nl", acute_probability=0.05).urgency == Urgency.NORMAAL
    assert judged(KNIFE_AT_THE_DOOR, "nl", acute_probability=0.15).urgency == Urgency.ACUUT


def test_the_model_does_not_overrule_a_danger_cue_in_a_story_too_long_to_read_whole():
    story = "lange uitleg over de buurt. " * 40 + KNIFE_AT_THE_DOOR
    assert judged(story, "nl", acute_probability=0.01).urgency == Urgency.ACUUT


def test_a_remark_about_ending_ones_life_gets_113_whatever_the_model_says():
    verdict = judged("ik wil niet meer leven, ik maak er vanavond een einde aan", "nl", acute_probability=0.01)
    assert (verdict.urgency, verdict.acute_kind) == (Urgency.ACUUT, AcuteKind.SUICIDE)


CAR_IN_THE_CANAL = "er zakt een auto weg in de gracht met iemand erin"


def test_the_model_adds_danger_the_rules_have_no_words_for():
    assert judged(CAR_IN_THE_CANAL, "nl", acute_probability=0.6).urgency == Urgency.ACUUT
    assert judged(CAR_IN_THE_CANAL, "nl", acute_probability=0.4).urgency == Urgency.NORMAAL


def test_words_that_place_it_in_the_past_hold_the_model_back_unless_it_is_sure():
    yesterday = "gisteren zakte er een auto weg in de gracht met iemand erin"
    assert judged(yesterday, "nl", acute_probability=0.6).urgency == Urgency.NORMAAL
    assert judged(yesterday, "nl", acute_probability=0.8).urgency == Urgency.ACUUT
