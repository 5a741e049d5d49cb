"""A follow-up read with its thread (bot.answers.followups)."""

from __future__ import annotations

from bot.answers.followups import resolve_followup
from tests.answers.test_question import VOCABULARY


def test_a_pronoun_follow_up_carries_the_thread_topic() -> None:
    resolved = resolve_followup("when did it come back?", ["When was Mythos taken offline?"], VOCABULARY.is_name)
    assert "Mythos" in resolved and resolved.startswith("when did it come back")


def test_that_as_the_subject_is_what_the_question_before_asked_about() -> None:
    earlier = ["when did Anthropic file its IPO paperwork?"]
    resolved = resolve_followup("wait was that before or after Fable dropped?", earlier, VOCABULARY.is_name)
    assert resolved == "wait was that before or after Fable dropped (when did Anthropic file its IPO paperwork)?"
    # "that" standing for a thing, wherever it sits
    resolved = resolve_followup("is Anthropic going to fix that or is it permanent?",
                                ["why does Fable reroute to Opus?"], VOCABULARY.is_name)
    assert resolved.endswith("(why does Fable reroute to Opus)?")
    # a "that" the question itself binds is no subject from the thread
    question = "which model did Mythos replace that week?"
    assert resolve_followup(question, earlier, VOCABULARY.is_name) == question


def test_it_is_the_thing_the_question_before_asked_of_with_its_names() -> None:
    """"and who was it addressed to?" after "who signed the letter that made Anthropic pull Fable?" asks of the letter
    (its names alone made it a question about Anthropic and Fable)."""
    earlier = ["who signed the letter that made Anthropic pull Fable?"]
    resolved = resolve_followup("and who was it addressed to", earlier, VOCABULARY.is_name)
    assert resolved == "and who was it addressed to (letter, Anthropic, Fable)?"
    resolved = resolve_followup("does it have a deadline", ["whats the name of Trump's June 2 AI executive order"],
                                VOCABULARY.is_name)
    assert resolved.startswith("does it have a deadline (executive order, Trump")
    # a verb is no thing: "what did Lutnick order" asks of Lutnick
    assert resolve_followup("why did it happen", ["what did Lutnick order"], VOCABULARY.is_name) == \
        "why did it happen (Lutnick)?"


def test_they_after_a_who_question_is_whoever_the_answer_named_as_doing_it() -> None:
    lead = "Officials say Amazon's security team flagged a jailbreak to the White House."
    resolved = resolve_followup("did they warn Anthropic first?", ["who flagged the jailbreak to the government?"],
                                VOCABULARY.is_name, lead)
    assert "Amazon" in resolved and "White House" not in resolved
    # named after the verb, the one it was done by
    lead = "The directive, signed by Howard Lutnick, reached Anthropic on Friday."
    resolved = resolve_followup("did they explain why?", ["who signed the directive?"], VOCABULARY.is_name, lead)
    assert "Howard Lutnick" in resolved


def test_what_about_asks_the_previous_question_again_about_something_else() -> None:
    resolved = resolve_followup("what about Mythos?", ["When did Fable 5 come back?"], VOCABULARY.is_name)
    assert resolved == "When did Mythos come back?"


def test_the_thing_named_points_back_only_at_what_the_thread_spoke_of() -> None:
    # "the letter" after a question about Mythos's return is the story's letter, a new topic
    question = "how many people signed the letter"
    assert resolve_followup(question, ["When did Mythos come back?"], VOCABULARY.is_name) == question
    # after a question about a lawsuit, "the court" is its court
    assert "Legion" in resolve_followup("what did the court say?", ["why did Legion sue?"], VOCABULARY.is_name)
    # after asking whether a party commented, "the spokesperson" is its spokesperson; not after another topic
    asked = "what exactly did the spokesperson say?"
    assert "Legion" in resolve_followup(asked, ["did Legion comment on the order?"], VOCABULARY.is_name)
    assert resolve_followup(asked, ["When did Mythos come back?"], VOCABULARY.is_name) == asked


def test_a_day_the_answer_gave_is_no_name_to_carry() -> None:
    lead = "The company filed on Tuesday, June 23 in federal court in Washington."
    resolved = resolve_followup("did they win?", ["which court did they pick?"], VOCABULARY.is_name, lead)
    assert "Tuesday" not in resolved and "June" not in resolved
    # a question pointing at a time means the day the answer gave
    assert "June 23" in resolve_followup("what else happened that day?", ["when did they file?"],
                                         VOCABULARY.is_name, lead)


def test_a_party_the_answer_names_only_as_its_source_is_not_carried() -> None:
    lead = "The Quill Security Alliance reports that the controls were lifted once Zephyr built a new classifier."
    resolved = resolve_followup("is it the same model tho or did they nerf it", ["is quill back?"],
                                VOCABULARY.is_name, lead)
    assert "Quill Security Alliance" not in resolved and "Zephyr" in resolved
    named = "The Quill Security Alliance found that Zephyr's classifier blocks the technique."
    assert "Quill Security Alliance" in resolve_followup("is it the same model tho or did they nerf it",
                                                         ["is quill back?"], VOCABULARY.is_name, named)


def test_a_possessive_that_points_at_what_is_asked_does_not_point_back() -> None:
    earlier = ["When did Mythos come back?"]
    for question in ("which labs let the reviewers see their models early?", "who lost their access first?"):
        assert resolve_followup(question, earlier, VOCABULARY.is_name) == question
    # without a "which …"/"who" to bind it, "their" points back at the thread
    assert "Mythos" in resolve_followup("what did their lawyers say?", earlier, VOCABULARY.is_name)


def test_what_about_followed_by_its_own_question_asks_that_question_about_it() -> None:
    resolved = resolve_followup("what about Korea, any deal with Anthropic?", ["how did India react to the ban?"],
                                VOCABULARY.is_name)
    assert resolved == "any deal with Anthropic (Korea)?"
    # also after a question that named nobody
    assert resolve_followup("what about Mythos, is it back", ["who sued over the ban"],
                            VOCABULARY.is_name) == "is it back (Mythos)?"


def test_a_pronoun_pointing_at_the_previous_answer_carries_the_names_it_gave() -> None:
    lead = "The letter was signed by Commerce Secretary Howard Lutnick on a Friday evening."
    resolved = resolve_followup("whats his job again?", ["who signed the export letter?"], VOCABULARY.is_name, lead)
    assert "Lutnick" in resolved
    without = resolve_followup("whats his job again?", ["who signed the export letter?"], VOCABULARY.is_name)
    assert "Lutnick" not in without


def test_what_about_a_place_asks_the_earlier_question_of_that_place() -> None:
    resolved = resolve_followup("what about japan?", ["which Indian company was Zephyr partnering with"],
                                VOCABULARY.is_name)
    assert resolved == "which japanese company was Zephyr partnering with"  # its people's word for the Indian one
    assert resolve_followup("what about Mythos?", ["When did Fable 5 come back?"], VOCABULARY.is_name) == \
        "When did Mythos come back?"  # no place: the name is replaced as before
    # the article before the earlier place goes with it: "the EU" asked of "the UK" or of "Japan"
    earlier = ["did the EU do anything about it"]
    assert resolve_followup("what about the UK?", earlier, VOCABULARY.is_name) == "did the UK do anything about it"
    assert resolve_followup("what about Japan?", earlier, VOCABULARY.is_name) == "did Japan do anything about it"
    assert resolve_followup("what about UK?", earlier, VOCABULARY.is_name) == "did the UK do anything about it"


def test_what_about_a_thing_after_a_question_about_a_day_asks_that_day_of_the_thing() -> None:
    assert resolve_followup("and Mythos?", ["what happened on July 1"], VOCABULARY.is_name) == \
        "what happened on July 1 (Mythos)?"
    assert resolve_followup("what about June 30?", ["what happened on July 1"], VOCABULARY.is_name) == \
        "what happened on June 30"


def test_a_bare_question_word_asks_it_of_the_previous_question() -> None:
    assert resolve_followup("since when?", ["is Mythos back"], VOCABULARY.is_name) == "since when (is Mythos back)?"
    assert resolve_followup("why tho", ["when did Legion sue"], VOCABULARY.is_name) == "why tho (when did Legion sue)?"
    # "when was that?", "for who?": asked of the question before, all of it
    assert resolve_followup("when was that", ["what did Trump say to Axios"], VOCABULARY.is_name) == \
        "when was that (what did Trump say to Axios)?"
    assert resolve_followup("for who?", ["when did Mythos come back"], VOCABULARY.is_name) == \
        "for who (when did Mythos come back)?"
    # the question before was itself read with what it carried: what it carried stands where its "it" does
    earlier = ["when did Fable launch", "when did it get pulled (Fable)?"]
    assert resolve_followup("why tho", earlier, VOCABULARY.is_name) == "why tho (when did Fable get pulled)?"
    earlier = ["who sued over the ban", "did they win (who sued over the ban)?"]
    assert resolve_followup("why?", earlier, VOCABULARY.is_name) == "why (did they win, who sued over the ban)?"


def test_a_follow_up_carries_the_thread_topic_not_the_last_follow_ups_own_words() -> None:
    # "did they win (who sued?)" was itself read with the question before it; the next asks about who sued
    earlier = ["who sued over the order", "did they win (who sued over the order)?"]
    assert resolve_followup("what was their argument", earlier, VOCABULARY.is_name) == \
        "what was their argument (who sued over the order)?"


def test_a_party_the_answer_describes_at_its_start_is_not_who_it_named() -> None:
    answered = "A San Jose startup with ten employees sued the government on June 23."

    def is_name(word: str) -> bool:
        return word.lower() in {"san", "jose"} or VOCABULARY.is_name(word)

    resolved = resolve_followup("did they win", ["who sued over the order"], is_name, answered)
    assert "San Jose" not in resolved
    named = resolve_followup("did they win", ["who sued over the order"], is_name,
                             "Legion LegalTech sued the government on June 23.")
    assert "Legion LegalTech" in named


def test_a_thread_of_three_keeps_asking_about_who_the_first_answer_named() -> None:
    earlier = ["who sued over the order", "when (who sued over the order)?"]
    answered = "A San Jose startup sued the government on June 23."
    assert resolve_followup("did they win", earlier, VOCABULARY.is_name, answered) == \
        "did they win (who sued over the order)?"


def test_a_page_the_earlier_question_quoted_is_what_the_follow_up_asks_about() -> None:
    earlier = ["whats that 'the lights go out' blog about"]
    resolved = resolve_followup("does the writer actually buy the security reason behind it", earlier,
                                VOCABULARY.is_name)
    assert resolved == "does the writer actually buy the security reason behind it (“the lights go out”)?"
    # a question of its own carries nothing
    assert resolve_followup("when did Mythos come back?", earlier, VOCABULARY.is_name) == "when did Mythos come back?"


def test_a_capital_opening_a_quotation_is_no_name_carried_into_a_follow_up() -> None:
    lead = "Asked whether the lab was a danger, Brook said, “Well, not now, but a week ago, maybe.”"
    resolved = resolve_followup("did he change his mind later?", ["what did Brook say about the lab?"],
                                lambda word: word.lower() == "brook", lead)
    assert "Brook" in resolved and "Well" not in resolved


def _resolve(question: str, earlier: str, lead: str | None = None) -> str:
    return resolve_followup(question, [earlier], VOCABULARY.is_name, lead)


def test_a_question_with_its_own_names_does_not_drag_the_old_topic_in() -> None:
    earlier = "when did Mythos come back?"
    for question in ("did Legion say they would appeal?",  # "they" stands for Legion
                     "what error did developers get when they called Fable?",  # "they": people at large
                     "why do people compare this to the PGP crypto wars?",
                     "which official signed the order that took Fable offline?",
                     "was it June 12 or June 13 when Commerce acted?"):
        assert _resolve(question, earlier) == question
    assert _resolve("who is sarah heck in all this", earlier) == "who is sarah heck in all this"  # the story at large
    assert "Mythos" in _resolve("and what did they say about this", earlier)  # "this" alone does point back


def test_a_short_follow_up_carries_the_thread_whatever_filler_it_ends_with() -> None:
    resolved = _resolve("how many fake accounts tho", "what did Anthropic accuse Legion of")
    assert "Anthropic" in resolved and "Legion" in resolved
    question = "how many accounts did the Senate letter say were used"  # a question of its own
    assert _resolve(question, "what did Anthropic accuse Legion of") == question


def test_it_as_what_a_question_asks_of_points_back_whatever_else_it_names() -> None:
    resolved = _resolve("when did it drop compared to the Fable shutdown", "what is GLM-5.2")
    assert resolved.endswith("(GLM-5.2)?")
    resolved = _resolve("how does it compare to Mythos?", "what is GLM-5.2")
    assert "GLM-5.2" in resolved
    question = "is it true that Legion sued?"  # "is it" opens a question about its own subject
    assert _resolve(question, "what is GLM-5.2") == question
    # asked why or where of it ("why is it in every Fable thread"): the thing the thread spoke of
    assert _resolve("why is it in every Fable thread", "what is GLM-5.2").endswith("(GLM-5.2)?")


def test_a_follow_up_naming_its_own_month_does_not_carry_the_threads_day() -> None:
    earlier = "what did Anthropic say about distillation in June"
    resolved = _resolve("and what did they say back in feb", earlier)
    assert "Anthropic" in resolved and "June" not in resolved
    assert "June" in _resolve("and what did they say after that", earlier)


def test_the_first_or_second_one_is_what_the_previous_question_named_in_that_place() -> None:
    earlier = "what is the difference between Fable 5 and Mythos 5?"
    assert _resolve("who could use the second one before the ban?", earlier) == "who could use Mythos 5 before the ban?"
    assert _resolve("is the first one back?", earlier).startswith("is Fable 5 back")
    assert "the first lawsuit" in _resolve("who filed the first lawsuit?", earlier)  # not "the first one"


def test_and_a_name_on_its_own_asks_the_previous_question_about_that_name() -> None:
    opus = _resolve("and Opus 4.8 on it?", "how did Fable do on SWE bench Pro?")
    assert opus == "how did Opus 4.8 do on SWE bench Pro?"
    assert _resolve("and Mythos?", "when did Fable come back?") == "when did Mythos come back?"
    # "on the same test", "on that benchmark": what the previous question asked, of the new name
    assert _resolve("and Opus 4.8 on the same test?", "how did Fable do on SWE bench Pro?") == opus
    assert _resolve("and Opus 4.8 on that benchmark?", "how did Fable do on SWE bench Pro?") == opus


def test_he_after_a_who_question_is_the_person_the_answer_named_not_a_date() -> None:
    lead = "On June 12, at 5:21pm, the Department of Commerce, signed by Secretary Howard Lutnick, sent the letter."
    resolved = _resolve("whats his job again?", "who signed the export order against Anthropic?", lead)
    assert "Howard Lutnick" in resolved and "June 12" not in resolved and "21pm" not in resolved
    # the answer near another form of the word asked with ("ordered" / "the order, signed by"); a law is no "he"
    lead = "The sudden order, signed by Transport Secretary Ada Brook, told Zephyr to switch Quill 3 off."
    assert "Ada Brook" in _resolve("whats her job", "who ordered the shutdown?", lead)
    lead = "The ministry acted under the Export Administration Regulations when it switched Quill 3 off."
    assert "Regulations" not in _resolve("whats his job", "who switched quill 3 off?", lead)


def test_a_persons_name_is_told_from_a_bodys() -> None:
    from bot.answers.followups import names_person

    assert names_person("Transport Secretary Ada Brook") and names_person("Brook")
    assert not any(names_person(n) for n in ("Transport Department", "White House", "BIS",
                                             "Bureau of Industry and Security", "Department of Commerce"))
    named = _resolve("what is his background?", "who leads the talks now?", "According to WIRED, Tom Brown leads them.")
    assert "Tom Brown" in named and "WIRED Tom Brown" not in named  # a name does not run on across a comma
    lead = "Katie Moussouris, with Dario Amodei, said so."
    about = _resolve("what did she conclude?", "who is Katie Moussouris?", lead)
    assert "Dario Amodei" not in about  # "who is X?": "she" is X
    # "who is" a description: "he" is the person the answer named, or with none, whom the question described
    spokesperson = _resolve("what did he say?", "Who is Meta's spokesperson on the review?",
                            "Meta spokesperson Francis Brennan declined to give details.")
    assert "Francis Brennan" in spokesperson
    described = _resolve("when did he say that?", "who is Anthropic's international chief, the within days guy?",
                         "The talks went on for days.")
    assert "international chief" in described


def test_a_party_pronoun_opening_the_question_points_back_whatever_it_names_after() -> None:
    lead = "The White House wanted SK Telecom, a Korean carrier and investor, cut off from Mythos."
    resolved = _resolve("how much did they put into Anthropic", "which Korean company was cut off from Mythos?", lead)
    assert resolved.startswith("how much did they put into Anthropic (SK Telecom")
    assert "Katie Moussouris" in _resolve("what did she conclude about the Amazon report", "who is Katie Moussouris?")
    # bound by a name or a noun before it, the pronoun does not point back
    assert _resolve("did Legion say they would appeal?", "who is Katie Moussouris?") == \
        "did Legion say they would appeal?"
    # "his" after a question naming a person, in a question naming only a party the thread spoke of already
    lead = "Katie Moussouris said Anthropic had refused to fix the flaw."
    asked = "what did Katie Moussouris say?"
    assert "Katie Moussouris" in _resolve("and what does Anthropic say to his account?", asked, lead)
    assert _resolve("and what does Legion say to his account?", asked, lead) == \
        "and what does Legion say to his account?"  # a party the thread had not named: a question of its own
    # "their" after "who is" asks whose: the party the thread named (in "who lost their access" it is bound)
    lead = "Legion LegalTech, a small startup, sued the government on June 23."
    assert "Legion LegalTech" in _resolve("who is their CEO?", "which company sued over the ban?", lead)


def test_the_party_a_pronoun_means_is_not_an_institution_for_he_nor_a_model_for_they() -> None:
    lead = "Seventy experts sent the White House a letter about Fable 5 and Mythos 5, led by Alex Stamos."
    assert "(Alex Stamos" in _resolve("and what did he argue?", "who led the letter?", lead)
    unnamed = "Experts sent the White House a letter arguing that Mythos 5 should return."
    assert "White House" not in _resolve("and what did he argue?", "who led the letter?", unnamed)
    assert "Mythos 5" not in _resolve("what are they asking for?", "who sued over the ban?", unnamed)


def test_he_after_who_is_a_lowercase_name_the_answer_writes_is_that_person() -> None:
    lead = "The suit names Commerce Secretary Howard Lutnick and BIS Undersecretary Jeffrey Kessler."
    resolved = _resolve("what did he do", "who is jeffrey kessler", lead)
    assert "jeffrey kessler" in resolved.lower() and "Lutnick" not in resolved


def test_an_answer_naming_no_party_near_what_was_asked_carries_the_question_instead() -> None:
    lead = "A San Jose startup sued the government on June 23, twelve days after the Commerce Department directive."
    resolved = _resolve("did they win?", "who sued over the ban?", lead)
    assert resolved == "did they win (who sued over the ban)?"  # "San Jose" describes; the directive is far off


def test_a_partys_words_asked_of_nothing_named_are_about_what_the_thread_asked() -> None:
    resolved = resolve_followup("what did the white house say", ["did the uk ask for an exemption"],
                                VOCABULARY.is_name)
    assert resolved == "what did the white house say (did the uk ask for an exemption)?"
    own = "what did the white house say about the lawsuit"  # words of its own: a question of its own
    assert resolve_followup(own, ["did the uk ask for an exemption"], VOCABULARY.is_name) == own


def test_a_model_asked_about_replaces_the_model_the_question_before_named() -> None:
    def takes_number(word: str) -> bool:
        return word.lower() in {"fable", "mythos"}

    previous = ["when did Commerce lift the controls on Fable"]
    assert resolve_followup("and Mythos?", previous, VOCABULARY.is_name, takes_number=takes_number) == \
        "when did Commerce lift the controls on Mythos"
    # without knowing which names are models, the longest name is replaced, as before
    assert resolve_followup("and Mythos?", previous, VOCABULARY.is_name) == "when did Mythos lift the controls on Fable"


def test_a_figure_the_answer_gave_is_not_whom_a_follow_up_asks_about() -> None:
    """Asked who a letter went to, the count the answer gave is no subject; asked for a figure, it may be the one."""
    answered = "Zephyr said the campaign ran 29M exchanges, about 80% more than the last one."
    whom = resolve_followup("who was that letter addressed to?", ["how many exchanges did the lab run"],
                            VOCABULARY.is_name, answered)
    assert "29M" not in whom and "80" not in whom
    cutoff = resolve_followup("whats the cutoff on that rule", ["how many exchanges did the lab run"],
                              VOCABULARY.is_name, answered)
    assert "29M" in cutoff
