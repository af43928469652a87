import pytest

from dialogs.vocabulary import CATEGORIES


@pytest.mark.parametrize(
    "text, category",
    [
        ("de lift in onze flat is al twee weken kapot en de corporatie doet niks", "woning"),
        ("المصعد بعمارتنا خربان من اسبوعين والـ woningcorporatie ما عم تعمل شي", "woning"),
        ("apartmanın asansörü iki haftadır bozuk, woningcorporatie hiçbir şey yapmıyor", "woning"),
        ("the lift in our block has been broken for two weeks and the housing corporation does nothing", "woning"),
        ("mijn bovenburen draaien elke nacht keiharde muziek tot 3 uur", "burenoverlast"),
        ("الجيران اللي فوقي كل ليلة مشغلين موسيقى عالية لحد الساعة ٣", "burenoverlast"),
        ("üst komşularım her gece saat 3e kadar çok yüksek sesle müzik açıyor", "burenoverlast"),
        ("my upstairs neighbours play really loud music every night until 3am", "burenoverlast"),
        ("achter de school wordt elke middag gedeald, steeds andere auto's die even stoppen", "drugs"),
        ("ik wil met de buurt een straatfeest organiseren, kan de gemeente helpen?", "idee_initiatief"),
    ],
)
def test_category_of_representative_messages(triager, text, category):
    assert triager.classify(text).category == category


@pytest.mark.parametrize(
    "text, category",
    [
        ("Er ligt al dagen een berg afval naast de containers bij ons in de straat", "openbare_ruimte"),
        ("في زبالة كتير مرمية جنب الحاويات بشارعنا من أيام", "openbare_ruimte"),
        ("Sokağımızdaki konteynerlerin yanında günlerdir çöp yığını var", "openbare_ruimte"),
        ("There has been a pile of rubbish next to the containers in our street for days", "openbare_ruimte"),
        ("mijn buurvrouw wordt in de bus uitgescholden vanwege haar hoofddoek", "discriminatie"),
        ("bir adam günlerdir sokakta kendi kendine konuşup arabalara bağırıyor, aklı karışık", "verward_gedrag"),
        ("في ناس بالقروب عم ينشروا اشاعات عن السكان الجداد والجو بالحي صار متوتر كتير", "spanningen"),
        ("cars keep speeding through our street at 70 where the limit is 30", "verkeer"),
    ],
)
def test_the_right_category_is_among_the_buttons(triager, text, category):
    assert category in [c.category for c in triager.classify(text).candidates[:3]]


def test_candidates_cover_every_category_best_first(triager):
    result = triager.classify("Elke avond hangen jongeren rond bij de ingang van de flat en ze schreeuwen")
    scores = [c.score for c in result.candidates]
    assert sorted(c.category for c in result.candidates) == sorted(CATEGORIES)
    assert scores == sorted(scores, reverse=True)
    assert abs(sum(scores) - 1) < 1e-6 and all(0 <= s <= 1 for s in scores)
    assert result.category == result.candidates[0].category


def test_a_message_without_words_offers_something_else_first(triager):
    result = triager.classify("🙂")
    assert result.category == "overig"
    assert len(result.candidates) == len(CATEGORIES)
