import pytest

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
