"""The corpus vocabulary a question is read against (bot.answers.vocabulary)."""

from __future__ import annotations

from bot.answers.vocabulary import Vocabulary, english_words


def test_a_slip_is_corrected_to_the_likeliest_word() -> None:
    vocabulary = Vocabulary.from_texts(
        ["The debut came first. The debut was loud. The debut was late. Then the fight began, and it went on."] * 4)
    vocabulary.english = english_words()
    assert vocabulary.correct("figth") == "fight"  # two letters swapped
    assert vocabulary.correct("fght") == "fight"  # a letter left out
    assert vocabulary.correct("debat") == "debut"  # a common word a wrong letter away is still the likeliest
    rare = Vocabulary.from_texts(["The debut came. The debut went. The debut stayed."])  # three uses only
    assert rare.correct("debux") == "debux"  # a wrong letter needs a word the corpus uses often
    # a wrong first letter is never read as a slip: a name the corpus lacks is not another word
    named = Vocabulary.from_texts(["The partner said so. A partner agreed. Each partner left early."] * 4)
    assert named.correct("gartner") == "gartner"
    daily = Vocabulary.from_texts(["It came on Monday. By Monday it was gone. On Monday they met."] * 4)
    assert daily.correct("mondaq") == "monday"
    daily.sites = frozenset({"mondaq"})
    assert daily.correct("mondaq") == "mondaq"  # a source's name ("that mondaq piece") is no slip
    assert named.correct("patner") == "partner"
    # a long word two slips from a word the corpus uses often; the first letter still kept
    often = Vocabulary.from_texts(["The jailbreak worked. A jailbreak spread. Another partner found the jailbreak."]
                                  * 8)
    often.english = english_words()
    assert often.correct("jailbrake") == "jailbreak"  # letters moved: two slips
    assert often.correct("gailbrake") == "gailbrake"  # and a wrong first letter: a name, not a slip
    assert often.correct("jxlbrxak") == "jxlbrxak"  # three slips: another word
    # a doubled letter typed once reaches a name the corpus writes only twice ("nadela": Nadella)
    twice = Vocabulary.from_texts(["Then Nadella spoke. Later Nadella left."])
    twice.english = english_words()
    assert twice.correct("nadela") == "nadella"
    assert twice.correct("nadel") == "nadel"  # too short a word to be sure of


def test_a_clipped_name_is_the_one_frequent_name_it_begins() -> None:
    named = Vocabulary.from_texts(["Then Anthropic spoke. Later Anthropic left, and Mythos came back."] * 20)
    named.english = english_words()
    assert named.correct("anthro") == "anthropic"  # chat shortens names
    assert named.correct("anth") == "anth"  # too short a stub: it begins too many words
    rare = Vocabulary.from_texts(["Then Anthropic spoke. Later Anthropic left."])  # a name written twice
    assert rare.correct("anthro") == "anthro"  # only a name the corpus writes often
    two = Vocabulary.from_texts(["Then Glasswing met Glasswater, and Glasswing left Glasswater."] * 20)
    assert two.correct("glassw") == "glassw"  # two frequent names begin alike: neither is meant


def test_a_slip_that_looks_like_an_inflection_is_mended_only_to_a_word_the_corpus_uses_all_the_time() -> None:
    vocabulary = Vocabulary.from_texts(["The frontier labs met. Frontier models shipped."] * 30
                                       + ["The singers met the NSA. The singers left."] * 3)
    vocabulary.english = english_words()
    assert vocabulary.correct("fronter") == "frontier"  # "front" + "er" in form; "frontier" in every other line
    assert vocabulary.correct("signers") == "signers"  # "sign" + "ers": "singers" is no word the corpus lives on


def test_a_word_that_only_looks_like_a_form_of_a_rare_word_is_mended_to_the_common_one() -> None:
    vocabulary = Vocabulary.from_texts(["The blocking went on. Blocking was the plan. The history of blocking."] * 5
                                       + ["A bloke spoke.", "The tip was good. They tipped off the press."]
                                       + ["The story ran."] * 20 + ["The billing changed."] * 2)
    vocabulary.english = english_words()
    assert vocabulary.correct("bloking") == "blocking"  # "bloke" + "ing" in form, "blocking" in every other line
    assert vocabulary.correct("tiped") == "tipped"  # "tip" + "ed" is written "tipped": no form of "tip"
    assert vocabulary.correct("liftted") == "lifted"  # a key pressed twice within a word's own forms
    assert vocabulary.correct("hstory") == "history"  # a letter left out, not an extra one before "story"
    assert vocabulary.correct("billiing") == "billing"  # an "i" typed twice, not "billie" + "ing"


def test_a_key_pressed_twice_is_as_likely_as_a_letter_left_out() -> None:
    vocabulary = Vocabulary.from_texts(["Nilekani spoke. Nilekani said more. Later Nilekani left."])
    assert vocabulary.correct("niilekani") == "nilekani"
    assert vocabulary.correct("nilekanni") == "nilekani"


def test_another_form_of_a_corpus_word_is_no_slip() -> None:
    vocabulary = Vocabulary.from_texts(["The firm sued. Using the order, it sued again. They were using it."] * 3)
    vocabulary.english = english_words()
    assert vocabulary.correct("suing") == "suing"  # "sued" is there: not "using"
    assert vocabulary.correct("usnig") == "using"


def test_the_story_s_own_model_is_the_version_the_corpus_writes_most() -> None:
    vocabulary = Vocabulary.from_texts(["Quill 3 launched. Quill 3 went offline. Quill 3 came back. Quill 2 was older. "
                                        "Zephyr made Quill 3."] * 5)
    assert vocabulary.story_names() == ["Quill"]
    assert vocabulary.story_model("Quill 3") and vocabulary.story_model("quill 3")
    assert not vocabulary.story_model("Quill 4")  # another version: a detail the reporting must state
    assert not vocabulary.story_model("Quill 2")  # written, but not the model the story is about
    assert not vocabulary.story_model("June 3")


def test_a_name_written_before_a_version_number_often_is_a_model() -> None:
    vocabulary = Vocabulary.from_texts(["Kestrel 2 launched on June 9. Then Kestrel 2 went to partners."] * 3
                                       + ["The order came on June 12. Max 3 shipped."] * 3)
    assert vocabulary.names_model("kestrel") and vocabulary.names_model("Kestrel")
    assert not vocabulary.names_model("june")  # a month before a day
    assert not vocabulary.names_model("max")  # too few times before a number


def test_a_capitalised_word_may_be_a_name_unless_the_corpus_writes_it_in_lower_case() -> None:
    vocabulary = Vocabulary.from_texts(["Then the jailbreak spread, and Mara Vance saw the jailbreak."] * 3)
    vocabulary.english = english_words()
    assert vocabulary.may_be_name("Vance")  # written capitalised every time
    assert not vocabulary.may_be_name("Jailbreak,")  # the corpus writes it in lower case
    assert vocabulary.may_be_name("Rothrock")  # never seen: no English word, so maybe a name
    assert not vocabulary.may_be_name("Report")  # never seen, but an everyday word
    assert not vocabulary.may_be_name("D.C.,")  # a place's initials


def test_after_a_first_name_an_everyday_word_one_slip_from_a_frequent_name_is_that_name() -> None:
    vocabulary = Vocabulary.from_texts(["Then David Sacks said so. Later Sacks wrote. Then Sacks posted."] * 3)
    vocabulary.english = english_words()
    assert vocabulary.correct("sachs") == "sachs"  # an English word to the model: never corrected alone
    assert vocabulary.surname_meant("sachs") == "sacks"
    assert vocabulary.surname_meant("sacks") is None  # the corpus's own word
    assert vocabulary.surname_meant("sax") is None  # too short to tell
    rare = Vocabulary.from_texts(["Then David Sacks said so."])
    assert rare.surname_meant("sachs") is None  # a name written once is too rare to be sure of
