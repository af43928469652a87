import pytest

from dialogs.triage.text import clean, fold


@pytest.mark.parametrize(
    "text, language",
    [
        ("Er hangen elke avond jongeren rond bij de ingang van onze flat", "nl"),
        ("ik heb t al 3x gemeld maar niemand doet er wat aan echt niet normaal", "nl"),
        ("في شباب كل ليلة قاعدين عند مدخل البناية وعم يعملوا ازعاج", "ar"),
        ("الـ gemeente ما ردت عليي، والـ wijkagent ما اجا", "ar"),
        ("wallah kol nhar drari ga3din 9dam lbab w kaydiro sda3", "ar"),
        ("Her akşam apartmanın girişinde gençler toplanıp bağırıyor", "tr"),
        ("gemeente'ye yazdım ama wijkagent hiç gelmedi, buurman hala gürültü yapıyor", "tr"),
        ("cocuklar her gun okul bahcesinde bagiriyor kimse bisey yapmiyor", "tr"),
        ("There are youths shouting at the entrance of our building every night", "en"),
        ("reported it to the gemeente twice, the wijkagent never showed up", "en"),
    ],
)
def test_language_of_a_message_including_mixed_and_informal_ones(triager, text, language):
    result = triager.classify(text)
    assert result.language == language
    assert result.language_confident is True


@pytest.mark.parametrize("text", ["", "   ", "😡😡😡", "112!!", "ok", "ok ok", "afval " * 2000, "شكرا"])
def test_too_little_to_go_on_is_not_confident(triager, text):
    assert not triager.classify(text).language_confident


def test_an_undecidable_message_falls_back_to_dutch(triager):
    assert triager.classify("👍👍").language == "nl"


def test_folding_unites_spelling_variants():
    assert fold(clean("BIÇAK")) == fold(clean("bicak")) == "bicak"
    assert fold(clean("İstanbul")) == "istanbul"
    assert fold(clean("أحمد إلى آخر")) == "احمد الي اخر"
    assert fold(clean("مَدْرَسَة")) == "مدرسه"


def test_cleaning_removes_control_characters_and_caps_length():
    assert clean("a\x00b\u200bc\x1bd") == "a b c d"
    assert len(clean("x" * 20_000)) <= 5000
