"""Reading facts from sentences (pure): which event a value is about, what is not a fact, how values show.
The sentences are written for these tests."""

from __future__ import annotations

import numpy as np

from bot.facts.disagree import shown
from bot.facts.group import assign_groups, group_event
from bot.facts.read import read_facts, shown_role


def facts_of(text: str) -> list[tuple[str, str]]:
    return [(f.event, f.value) for f in read_facts(text)]


def test_two_events_in_one_sentence_each_get_their_date() -> None:
    text = "A retailer filed a lawsuit on March 20 challenging the ministry's March 10 directive."
    assert facts_of(text) == [("lawsuit", "03-20"), ("order", "03-10")]


def test_a_sentence_that_opens_with_its_date_is_about_its_main_clause() -> None:
    assert facts_of("On March 10, the ministry ordered the lab to switch the model off.") == [("order", "03-10")]
    assert facts_of("On May 4, the president signed an executive order on model reviews.") == [
        ("executive_order", "05-04")]


def test_a_datelines_day_is_when_the_piece_was_filed_not_the_events() -> None:
    assert facts_of("(Translated by a news agency, Lisbon, March 15) The ministry ordered the lab to switch "
                    "the model off.") == []
    assert facts_of("LISBON, March 15 (Wire) - The ministry ordered the lab to switch the model off.") == []
    assert facts_of("(Wire) The ministry ordered the lab on March 10 to switch the model off.") == [("order", "03-10")]
    assert facts_of("On March 10, the ministry ordered the lab to switch the model off.") == [("order", "03-10")]


def test_a_launch_a_lifting_and_a_return() -> None:
    assert facts_of("The lab released its newest model on March 3.") == [("launch", "03-03")]
    assert facts_of("The controls were lifted on April 2 after a review.") == [("full_lifting", "04-02")]
    assert facts_of("The model returned on April 3 for every customer.") == [("return", "04-03")]
    assert facts_of("On April 1 the agency partially restored access for an approved list.") == [
        ("partial_lifting", "04-01")]


def test_a_date_right_before_its_event_keeps_it_even_as_a_reference_point() -> None:
    text = "The model was restored on about April 9, eight days after the April 1 suspension, for most users."
    assert facts_of(text) == [("return", "~04-09"), ("order", "04-01")]  # "about April 9": an estimated day


def test_when_something_was_reported_is_not_an_event_of_the_story() -> None:
    assert facts_of("The ministry froze the model, a wire service reported on March 12.") == [("report", "03-12")]


def test_quantities_need_their_own_cue_close_by() -> None:
    assert facts_of("Seventy-six researchers signed the open letter.") == [("signatories", "76")]
    assert facts_of("The model was offline for 18 days.") == [("outage_length", "25920")]
    assert facts_of("The lab had two hours' notice to comply.") == [("notice", "120")]


def test_a_bound_is_kept_as_one() -> None:
    assert facts_of("More than 70 researchers signed the open letter.") == [("signatories", ">70")]
    assert facts_of("More than **120** researchers signed the open letter.") == [("signatories", ">120")]
    assert facts_of("With under two hours' notice, the lab could not comply.") == [("notice", "<120")]
    assert facts_of("Nearly 80 researchers signed the open letter.") == [("signatories", "~80")]  # an estimate


def test_a_bound_disagrees_only_with_values_outside_it() -> None:
    from bot.facts.disagree import values_differ

    assert values_differ(">120", "76") and values_differ("76", ">120")  # more than 120 signed is not 76
    assert not values_differ(">70", "76") and not values_differ(">70", ">120")  # 76 is more than 70
    assert values_differ("<120", "240") and not values_differ("<120", "90")  # under two hours: 90 minutes fits
    assert not values_differ("<4320", "4320")  # "under three days" may be three days rounded
    assert values_differ(">100", "12") and not values_differ(">100", "~100")
    assert shown("people", ">120") == "more than 120" and shown("duration", "<120") == "under 2 hours"
    assert shown("money", ">8000000000") == "more than $8 billion" and shown("money", "2.5") == "$2.50"


def test_the_hand_checked_set_counts_bounds_like_the_system() -> None:
    from bot.facts.evaluate import GoldFact, real_disagreement

    def row(value: str) -> GoldFact:
        return GoldFact("a.md", 0, 10, 0, 2, "letter_signatories", value)

    assert real_disagreement(row(">120"), row("76")) and not real_disagreement(row(">70"), row("76"))
    assert not real_disagreement(row("~70"), row("120"))  # a range or round figure is never a side


def test_a_bound_backs_the_figure_inside_it() -> None:
    from bot.facts.disagree import sides_of
    from bot.facts.store import FactRow

    def fact(value: str, outlet: str) -> FactRow:
        return FactRow(1, 0, 0, 0, 1, "signatories", "people", value, value, "fact", "g", outlet, None)

    sides = sides_of([fact("76", "a.example"), fact(">70", "b.example"), fact(">120", "c.example")])
    assert [(s.value, s.outlets) for s in sides] == [("76", 2), (">120", 1)]


def test_offsets_and_counts_so_far_are_not_figures() -> None:
    assert facts_of("Two weeks later, the model went dark.") == []
    # counted from the launch the sentence names, to the shutdown it names: how long the model was out
    assert facts_of("Three days after the launch, the model went dark.") == [("launch_to_shutdown", "4320")]
    assert facts_of("Three days after the launch, the model topped a coding leaderboard.") == []
    assert facts_of("The ministry pulled Quill 3 and Orbit 2 offline just days after launch.") == []
    assert facts_of("Thirteen days in, the model is still offline.") == []


def test_ranges_alternatives_and_round_durations_agree_with_any_value_inside_them() -> None:
    from bot.facts.disagree import values_differ

    assert facts_of("The model was offline for 18 or 19 days.") == []
    assert facts_of("The model was offline for 18-19 days.") == []
    # a range or alternatives of days is an estimated day: it agrees with its days, not with one days away
    assert facts_of("The lab filed suit around March 25–26.") == [("lawsuit", "~03-25")]
    assert facts_of("The ministry ordered the shutdown on March 12 or 13.") == [("order", "~03-12")]
    assert not values_differ("~03-25", "03-26") and values_differ("~03-25", "03-23")
    assert facts_of("The model came back after a three-week suspension.") == []
    assert facts_of("The model was offline for 19 days.") == [("outage_length", "27360")]


def test_the_date_of_something_said_about_an_event_is_not_the_events() -> None:
    assert facts_of("A newsletter quoted the lab's statement on the directive, issued on March 14.") == []
    assert facts_of("On March 16, a wire service published the letter the lab had received.") == [("report", "03-16")]


def test_a_date_past_a_word_of_another_thing_belongs_to_that_thing() -> None:
    text = "A retailer filed suit in federal court challenging a March 10 Trade Bureau order."
    assert facts_of(text) == [("order", "03-10")]


def test_more_ways_the_order_is_named() -> None:
    assert facts_of("On March 10, the ministry directed the lab to deny access abroad.") == [("order", "03-10")]
    assert facts_of("On March 10, 2026, the ministry forced the lab's new model offline.") == [("order", "03-10")]
    assert facts_of("The lab removed both models from use on March 10.") == [("order", "03-10")]
    summary = '{"title": "A ban", "summary": "On March 10, the ministry took the model offline for everyone.'
    assert facts_of(summary) == [("order", "03-10")]


def test_a_model_called_restricted_is_no_order_and_disabling_one_is() -> None:
    # "its restricted sibling" describes a model; it is no government act, so the launch day before it is the
    # launch's (read as the order's, it set a launch day against the order's in the timeline)
    text = ("The lab launched its assistant and its restricted sibling model on March 3, only to disable both "
            "everywhere on March 10 after a ministry directive.")
    assert facts_of(text) == [("launch", "03-03"), ("order", "03-10")]
    assert facts_of("The ministry restricted the model on March 10.") == [("order", "03-10")]


def test_how_long_the_models_were_live_is_not_how_long_they_were_away() -> None:
    assert facts_of("The ministry switched off a model that had been live for three days.") == [
        ("launch_to_shutdown", "4320")]
    assert facts_of("Four days from launch to takedown.") == [("launch_to_shutdown", "5760")]
    assert facts_of("The model, taken offline for 15 days, is on track to return soon.") == []


def test_a_value_after_a_comma_belongs_to_its_own_clause() -> None:
    text = "The lab, which had launched the model on March 3, disabled it that same week."
    assert facts_of(text) == [("launch", "03-03")]


def test_names_in_the_clause_say_what_an_event_is_of() -> None:
    [fact] = read_facts("A rival, Orchid AI, released its Petal 2 model on March 9.")
    assert fact.event == "launch" and {"orchid", "petal"} <= set(fact.names)
    [heading] = read_facts("Model Shut Down March 13")
    assert heading.names == ()  # title case is style, not names


def test_values_show_as_readers_write_them() -> None:
    assert shown("date", "06-12") == "June 12"
    assert shown("duration", "25920") == "18 days"
    assert shown("duration", "90") == "90 minutes"
    assert shown("duration", "2880") == "48 hours" and shown("duration", "4320") == "3 days"
    assert shown("people", "54") == "54"
    assert shown("tokens", "1000000") == "1M tokens" and shown("tokens", "500000") == "500K tokens"
    assert shown("tokens", "1500000") == "1.5M tokens" and shown("tokens", "128123") == "128,123 tokens"


def test_the_most_stated_value_seeds_the_first_group() -> None:
    close, far = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    # order given: a lone different value first; it must still not lead the group the majority forms
    facts = [("03-11", close, ()), ("03-10", close, ()), ("03-10", far, ()), ("03-10", close, ())]
    leaders = group_event(facts, threshold=0.5)
    assert leaders[1] == leaders[2] == leaders[3]  # the majority value stays together whatever its phrasing
    assert leaders[0] == leaders[1]  # a close different value joins it: a disagreement
    apart = group_event([("03-11", far * -1, ()), *facts[1:]], threshold=0.5)
    assert apart[0] != apart[1]  # a different value said of something else stays apart


def test_a_value_stated_once_must_be_closer_in_meaning_to_join() -> None:
    main = np.array([1.0, 0.0])
    somewhat, otherwise = np.array([0.6, 0.8]), np.array([0.6, -0.8])  # each cosine 0.6 with the main phrasing
    facts = [("03-10", main, ()), ("03-10", main, ()), ("03-10", main, ()), ("03-12", somewhat, ()),
             ("03-12", somewhat, ()), ("03-30", otherwise, ())]
    leaders = group_event(facts, threshold=0.5, lone_threshold=0.7)
    assert leaders[3] == leaders[4] == leaders[0]  # a value two facts state joins at the threshold
    assert leaders[5] != leaders[0]  # the lone one is not close enough to be set against the others
    assert group_event(facts, threshold=0.5, lone_threshold=0.5)[5] == leaders[0]


def test_names_that_never_meet_keep_facts_apart() -> None:
    v = np.array([1.0, 0.0])
    groups = assign_groups(np.stack([v, v, v]), 0.0, [("zephyr",), ("zephyr",), ("orchid",)])
    assert groups == [0, 0, 2]
    assert assign_groups(np.stack([v, v]), 0.0, [("zephyr",), ()]) == [0, 0]  # no names: no objection


def test_the_threshold_is_the_middle_of_those_that_do_about_as_well_as_the_best() -> None:
    from bot.facts.evaluate import choose_threshold

    sweep = [{"threshold": t, "precision": p, "f1": f} for t, p, f in [
        (0.0, 0.95, 0.90), (0.1, 0.95, 0.90), (0.2, 0.96, 0.905), (0.3, 0.97, 0.905), (0.4, 0.97, 0.91),
        (0.5, 0.99, 0.70), (0.6, 1.0, 0.60)]]
    # 0.4 is best but at the edge of a cliff; 0.0 to 0.4 all do within 0.01 of it: their middle is 0.2
    assert choose_threshold(sweep)["threshold"] == 0.2
    # thresholds below 0.9 precision never count, however high their F1
    sweep[0]["precision"] = sweep[1]["precision"] = 0.5
    sweep[0]["f1"] = 0.99
    assert choose_threshold(sweep)["threshold"] == 0.3


def test_cross_validation_folds_are_fixed_by_file_name_and_about_even() -> None:
    from collections import Counter

    from bot.facts.evaluate import FOLDS, fold_of

    files = [f"{n:03d}-article.md" for n in range(400)]
    sizes = Counter(fold_of(f) for f in files)
    assert set(sizes) == set(range(FOLDS)) and all(40 <= n <= 120 for n in sizes.values())


def test_a_models_figure_names_the_model_it_is_of() -> None:
    from bot.facts.read import model_of

    [window] = read_facts("Orbit-4.2 shipped last spring with a 1M-token context window for long tasks.")
    assert (window.event, window.value, model_of(window.names)) == ("context_window", "1000000", "model:Orbit-4.2")
    # two models in one sentence: the figure is of the one named nearest it
    [other] = read_facts("Unlike Quill 3, Orbit 4 offers a 500k-token context window.")
    assert model_of(other.names) == "model:Orbit-4"
    # a price's unit is no size: "per 1M tokens" is not a context window
    assert [f.event for f in read_facts("Its context pricing is $3 per 1M tokens.")] == ["price"]
    assert read_facts("| Model | Context | Cost/1M tokens |") == []


def test_a_figure_of_these_models_is_of_the_model_the_article_names_most() -> None:
    from bot.facts.read import model_of
    from bot.facts.store import prepare_facts

    body = ("Quill 3 arrived on Monday. Quill 3 is fast, and Orbit 4 is slower. "
            "These models feature a 500k-token context window.")
    spans = [(0, 26, "fact", ()), (27, 70, "fact", ()), (71, len(body), "fact", ())]
    [(sentence, _s, _e, _l, fact)] = prepare_facts(body, spans)
    assert sentence == 2 and model_of(fact.names) == "model:Quill-3"


def test_one_models_figures_group_by_the_model_not_by_meaning() -> None:
    from bot.facts.store import group_keys

    far = [np.eye(4, dtype=np.float16)[i].tobytes() for i in range(4)]  # no two sentences alike
    rows = [(1, 0, far[0], "1000000", "model:Quill-3"), (2, 0, far[1], "500000", "model:Quill-3 zephyr"),
            (3, 0, far[2], "1000000", "model:Orbit-4"), (4, 0, far[3], "500000", "")]
    keys = group_keys("context_window", rows, threshold=0.4)  # type: ignore[arg-type]
    # Quill 3's two values are one quantity (a disagreement); Orbit 4's figure and one of no model stand apart
    assert keys[0] == keys[1] == "context_window/1.0"
    assert len({keys[0], keys[2], keys[3]}) == 3


def test_an_estimate_is_kept_as_one_and_a_later_figure_is_not_the_figure() -> None:
    assert facts_of("The lab first shared the model with about 40 organizations in a preview.") == [
        ("early_access", "~40")]
    assert facts_of("Roughly 100 organizations were approved to use it again.") == [("allowed_entities", "~100")]
    # what a count grew to is a later state
    assert facts_of("Some 50 firms got in initially, a number later expanding to around 150 organizations.") == [
        ("early_access", "~50")]


def test_who_was_let_back_is_not_who_had_early_access() -> None:
    # a "vetted" group let back after the ban; "~" and a dotted describing word ("U.S.") still read the count
    assert facts_of("The model may be redeployed only to a vetted group of ~60 U.S. firms.") == [
        ("allowed_entities", "~60")]
    assert facts_of("Regulator clears Zephyr release to 9 firms") == [("allowed_entities", "9")]
    assert facts_of("Before launch it went to a vetted group of about 30 firms.") == [("early_access", "~30")]


def test_an_estimate_disagrees_only_with_values_further_apart_than_its_slack() -> None:
    from bot.facts.disagree import values_differ

    assert values_differ("~40", "~50") and values_differ("54", "76")
    assert not values_differ("~100", "~95")  # within an estimate's slack
    assert not values_differ("~70", "76") and not values_differ("~100", "95")  # an estimate may round a figure
    assert values_differ("12", "~100") and values_differ("~100", "76")  # but not one this far away
    assert shown("organizations", "~40") == "about 40" and shown("duration", "~90") == "about 90 minutes"


def test_the_hand_checked_set_counts_estimates_apart_like_the_system() -> None:
    from bot.facts.evaluate import GoldFact, real_disagreement

    def row(value: str | None, event: str = "early") -> GoldFact:
        return GoldFact("a.md", 0, 10, 0, 2, event, value)

    assert real_disagreement(row("≈40"), row("≈50")) and real_disagreement(row("54"), row("76"))
    assert not real_disagreement(row("≈40"), row("40")) and not real_disagreement(row("~70"), row("~80"))
    assert real_disagreement(row("≈100"), row("12"))  # an estimate far from an exact figure
    assert real_disagreement(row("≈06-18"), row("07-01")) and not real_disagreement(row("≈06-13"), row("06-12"))
    assert not real_disagreement(row("≈40"), row("≈50", "other"))


def test_who_holds_an_office_is_read_with_the_office() -> None:
    def roles(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
        return [(f.value, f.written, f.names) for f in read_facts(text) if f.event == "role_holder"]

    text = "The note went to Transport Secretary Ada W. Brook and US Road Safety Director Ben Okafor's deputy."
    assert roles(text) == [("brook", "Ada W. Brook", ("role:transport-secretary", "given:ada")),
                           ("okafor", "Ben Okafor", ("role:road-safety-director", "given:ben"))]
    lind = ("lind", "Cara Lind", ("role:zephyr-ceo", "given:cara"))
    assert roles("Zephyr CEO Cara Lind said the model would return.") == [lind]
    assert roles("Zephyr Chief Executive Cara Lind said so.") == [lind]
    assert roles("Zephyr's CEO Cara Lind said so.") == [lind]
    assert roles("The minister then called Zephyr CEO Cara Lind") == [lind]  # a list item ending on the name
    # an opening word that is no part of the office
    assert roles("When Transport Secretary Ada Brook wrote, it mattered.")[0][2][0] == "role:transport-secretary"
    # a rank between the office and the name is neither ("Gen." is no surname)
    assert roles("Cyber Command Director Gen. Ivo Brand told the committee.") == [
        ("brand", "Ivo Brand", ("role:cyber-command-director", "given:ivo"))]
    # a former holder, a title-case headline, a bare office with a surname only: no claim about who holds it
    assert roles("Former Transport Secretary Dan Cole disagreed.") == []
    assert roles("Zephyr CEO Reportedly Raised Alarm Over Quill") == []
    assert roles("The complaint reached the desk of Secretary Cole.") == []
    # an office named without what it is of, with a full name: kept apart, to join the office its holder's name
    # is a spelling of (see test_fact_groups)
    assert roles("The complaint reached the desk of CEO Cara Lindh.") == [("lindh", "Cara Lindh",
                                                                           ("office:ceo", "given:cara"))]
    # a company's founders, written in lower case as often as not, spelled one way in the key
    founder = ("rowe", "Ivo Rowe", ("role:zephyr-cofounder", "given:ivo"))
    assert roles("A letter went to Zephyr co-founder Ivo Rowe.") == [founder]
    assert roles("A letter went to Zephyr Cofounder Ivo Rowe.") == [founder]
    assert shown_role("role:zephyr-cofounder") == "Zephyr co-founder"
    # but a company has several founders at once: who one is never sets the others against them
    from bot.facts.read import identity_of
    assert identity_of("role_holder", founder[2]) is None
    assert identity_of("role_holder", lind[2]) == "role:zephyr-ceo"


def test_two_spellings_of_one_name_are_told_apart_from_two_people() -> None:
    from bot.facts.read import spelled_alike

    assert spelled_alike("jassy", "jassey") and spelled_alike("lutnick", "lutnik") and spelled_alike("brook", "brooks")
    assert spelled_alike("cairncross", "carincross")  # two letters changed, in a long name
    assert not spelled_alike("lind", "lord")  # two changes in a short name: another name
    assert not spelled_alike("jassy", "massy")  # another first letter
    assert not spelled_alike("amodei", "raimondo") and not spelled_alike("lee", "lea")  # too short to tell


def test_names_of_one_office_are_compared_by_surname() -> None:
    from bot.facts.disagree import sides_of
    from bot.facts.store import FactRow

    def fact(outlet: str, value: str, written: str) -> FactRow:
        return FactRow(1, 0, 0, 0, 1, "role_holder", "person", value, written, "fact", "g", outlet, None,
                       "role:transport-secretary")

    sides = sides_of([fact("a", "brook", "Ada Brook"), fact("b", "brook", "Brook"), fact("c", "brook", "Ada Brook"),
                      fact("d", "br", "Ada Br"), fact("e", "cole", "Dan Cole")])
    # "Br" is a name cut short: the same person; the side shows the name as most write it in full
    assert [(s.text, s.outlets) for s in sides] == [("Ada Brook", 4), ("Dan Cole", 1)]


def test_a_price_is_read_with_its_model_and_direction() -> None:
    from bot.facts.read import identity_of

    def prices(text: str) -> list[tuple[str, str | None]]:
        return [(f.value, identity_of("price", f.names)) for f in read_facts(text) if f.event == "price"]

    assert prices("Quill 3 costs $4/$20 per million tokens, and Orbit 4 $6 per million input tokens.") == [
        ("4", "model:Quill-3 per:input"), ("20", "model:Quill-3 per:output"), ("6", "model:Orbit-4 per:input")]
    assert prices("Quill 3 is priced at $4 input and $20 output per million.") == [
        ("4", "model:Quill-3 per:input"), ("20", "model:Quill-3 per:output")]
    # a price that says neither input nor output is not compared
    assert prices("Quill 3 costs $4 per million tokens.") == [("4", None)]


def test_whether_a_scheme_binds_is_read_with_the_words_that_describe_it() -> None:
    def obligations(text: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.value, f.names) for f in read_facts(text) if f.event == "obligation"]

    assert obligations("The decree set up a voluntary 30-day pre-release review for labs.") == [
        ("voluntary", ("scheme:30-day", "scheme:pre-release", "scheme:review"))]
    assert obligations("Labs now face a compulsory 30-day pause.") == [("mandatory", ("scheme:30-day", "scheme:pause"))]
    # an act is no scheme; what a scheme turned into or is contrasted with is no claim about one
    assert obligations("After a mandatory shutdown, the model came back.") == []
    assert obligations("The ban turned voluntary review into required oversight.") == []
    assert obligations("The voluntary review and the mandatory testing regime differ.") == []


def test_a_scheme_joins_a_group_only_if_described_alike() -> None:
    same, near = np.array([1.0, 0.0], dtype=np.float32), np.array([0.9, 0.436], dtype=np.float32)
    facts = [("voluntary", same, ["scheme:review"]), ("voluntary", same, ["scheme:30-day", "scheme:review"]),
             ("voluntary", same, ["scheme:framework"]), ("mandatory", near, ["scheme:30-day", "scheme:pause"]),
             ("mandatory", near, ["scheme:testing", "scheme:third-party"])]
    leaders = group_event(facts, threshold=0.2)
    # the 30-day pause is the review others describe; third-party testing (as close in meaning) is another scheme
    assert leaders[3] == leaders[0] and leaders[4] != leaders[0]


def test_whom_an_order_covers_is_read_from_what_it_requires() -> None:
    def scopes(text: str) -> list[str]:
        return [f.value for f in read_facts(text) if f.event == "order_scope"]

    assert scopes("The ministry directed Zephyr Labs to bar foreign nationals from Quill 3.") == ["foreign-nationals"]
    assert scopes("The government ordered Zephyr Labs to suspend worldwide access to Quill 3.") == ["everyone"]
    assert scopes("The directive required the lab to disable Quill 3 for all customers.") == ["everyone"]
    # what complying took, or the order's effect, is no claim about whom it covered; nor is a sentence naming both
    assert scopes("To comply, the lab had to switch Quill 3 off for all customers.") == []
    assert scopes("The order effectively shut the model down worldwide.") == []
    assert scopes("The order required the lab to disable Quill 3 for all users, as it barred any foreign national.") \
        == []


def test_minutes_or_hours_near_an_outage_word_are_no_outage_length() -> None:
    # how fast it happened or how much notice there was; the models were away for days
    assert not [f for f in read_facts("The 90-minute suspension window gave no notice to customers.")
                if f.event == "outage_length"]
    assert [(f.event, f.written) for f in read_facts("The models stayed offline for 19 days.")] == [
        ("outage_length", "19 days")]


def test_how_soon_a_shutdown_came_is_no_outage_length() -> None:
    # "pulled offline in under 72 hours": after a launch, how long the model was live; else only how fast
    assert facts_of("Launched to the public on a Monday, Quill 3 was pulled offline in under 72 hours.") == [
        ("launch_to_shutdown", "<4320")]
    assert facts_of("The ministry had the model taken offline within 48 hours of its letter.") == []
    # coming back within a span is how long it was away
    assert facts_of("Quill 3 was offline, then restored to customers within 12 days.") == [("outage_length", "<17280")]


def test_an_output_limit_is_no_context_window() -> None:
    assert facts_of("Quill 3 has a 400K-token context window and up to 64,000 tokens of output.") == [
        ("context_window", "400000")]
    assert facts_of("Quill 3 has a 400K-token context window and an output limit of 64K tokens.") == [
        ("context_window", "400000")]


def test_the_day_a_plan_was_revealed_is_when_it_was_reported() -> None:
    text = "On May 5, two newspapers revealed that Zephyr would debut Quill 4 only to vetted customers."
    assert facts_of(text) == [("report", "05-05")]


def test_what_set_the_order_off_is_read_from_whom_a_sentence_credits() -> None:
    def causes(text: str) -> list[str]:
        return [f.value for f in read_facts(text) if f.event == "trigger"]

    assert causes("The directive was triggered by a jailbreak that Amazon researchers reported.") == ["amazon"]
    assert causes("A phone call from Amazon's chief executive triggered the crackdown on the lab.") == ["amazon"]
    assert causes("The ban, reportedly prompted by NSA red-team results, stayed in place.") == ["nsa"]
    assert causes("The trigger for the action was a fear that a China-linked group had got into the model.") == [
        "china"]
    # the party after "not … but" is the one credited; a concession, a denial or two parties credit none
    assert causes("The chain of events began not with the NSA but with a call from Amazon.") == ["amazon"]
    assert causes("The order followed a debate over the model, despite the lab being an Amazon investment.") == []
    assert causes("The directive was not triggered by Amazon's research.") == []
    assert causes("The order was triggered by Amazon's report and by NSA testing.") == []
    # what the order itself set off is no account of what set it off
    assert causes("The shutdown has triggered a response from China and the EU.") == []
    # the party that took the flaw to the government is credited; the lab reporting it, or a denial, credits none
    assert causes("Amazon's security team reportedly flagged the jailbreak to the White House.") == ["amazon"]
    assert causes("The NSA's director raised the matter with federal officials within hours.") == ["nsa"]
    assert causes("Amazon never flagged anything to the government.") == []
    assert causes("The lab itself reported the flaw to the government.") == []
    assert causes("China's commerce ministry warned the US government against the controls.") == []


def test_notice_is_read_from_an_ultimatum_or_time_given() -> None:
    def notice(text: str) -> list[str]:
        return [f.value for f in read_facts(text) if f.event == "notice"]

    assert notice("The ministry gave the lab 45 minutes to comply.") == ["45"]
    assert notice("The lab says it was handed a 45-minute ultimatum.") == ["45"]
    assert notice("The agency gave it back within 72 hours.") == []
    assert notice("The review has a 30-day window for each model.") == []


def test_a_fragments_fact_is_quoted_with_the_sentence_that_says_what_it_is_about() -> None:
    from bot.facts.store import prepare_facts
    from bot.nlp.sentences import split_sentences

    body = "Two hours' notice. That was all the lab got before the order.\nTwo hours' notice.\nA new paragraph."
    spans = [(s.start, s.end, "fact", ()) for s in split_sentences(body)]
    quoted = [body[start:end] for _i, start, end, _l, fact in prepare_facts(body, spans) if fact.event == "notice"]
    # on the same line the next sentence joins the quote; across a line break (a heading) it does not
    assert quoted == ["Two hours' notice. That was all the lab got before the order.", "Two hours' notice."]


def test_an_aside_between_dashes_is_no_clause_of_its_own() -> None:
    text = ("On March 18, three lawmakers — Ann Reed (D-CA), Bo Park (R-TX) and Cy Ode (D-NY) — sent a formal letter "
            "to Commerce.")
    assert ("letter", "03-18") in facts_of(text)


def test_two_letters_of_one_date_range_are_kept_apart_by_who_wrote_them() -> None:
    from bot.facts.read import letter_author

    lawmakers = "On March 18, three Representatives sent a formal letter to Commerce about the order."
    experts = "On March 15, sixty security experts signed an open letter against the order."
    assert letter_author(lawmakers) == "author:lawmakers" and letter_author(experts) == "author:experts"
    assert letter_author("A letter went to Commerce on March 16.") is None
    [lawmakers_fact] = read_facts(lawmakers)
    assert "author:lawmakers" in lawmakers_fact.names
    # close in meaning, sharing every other name: still two letters
    same = np.array([[1.0, 0.0], [0.99, 0.14], [0.98, 0.2]])
    names = [["lutnick", "author:lawmakers"], ["lutnick", "author:lawmakers"], ["lutnick", "author:experts"]]
    assert assign_groups(same, 0.2, names) == [0, 0, 2]
    # a fact naming no author may join either
    assert assign_groups(same, 0.2, [names[0], names[1], ["lutnick"]]) == [0, 0, 0]


def test_the_model_most_sentences_name_is_read_whatever_the_hyphen() -> None:
    from bot.facts.read import model_most_named

    assert model_most_named(["On March 26, Orbit unveiled Comet\u20112.1, its flagship.",
                             "Comet-2.1 shipped a day after Quill 3 returned.", "The ministry said nothing."]) \
        == "Comet-2.1"
    assert model_most_named(["Quill 3 is back.", "The ministry approved it in March 2026."]) == "Quill 3"
    assert model_most_named(["No model is named here."]) is None


def test_a_launch_made_public_and_an_order_switching_it_off_are_read() -> None:
    assert facts_of("On March 3, Zephyr Labs made Quill 3 public to every developer.") == [("launch", "03-03")]
    assert facts_of("On April 3, Zephyr Labs made Quill 3 available again.") == [("return", "04-03")]
    assert facts_of("On March 10, the ministry switched it off for foreign users.") == [("order", "03-10")]


def test_an_estimated_day_is_set_only_against_a_day_further_away_than_its_slack() -> None:
    from bot.facts.disagree import values_differ

    assert facts_of("Around March 13 the ministry sent the lab a directive.") == [("order", "~03-13")]
    assert facts_of("On approximately 13 March the ministry sent the lab a directive.") == [("order", "~03-13")]
    assert facts_of("The ministry sent the lab a directive on March 13.") == [("order", "03-13")]
    assert facts_of("News about March 13: the ministry sent the lab a directive.") == [("order", "03-13")]
    assert not values_differ("~03-13", "03-12") and not values_differ("~03-13", "~03-14")
    assert values_differ("~03-13", "~03-15")
    assert values_differ("~03-13", "03-28") and values_differ("~02-27", "03-03")  # across a month's end
    assert values_differ("03-13", "03-12")
    assert shown("date", "~03-13") == "about March 13"


def test_a_day_written_before_its_month_is_a_date() -> None:
    assert facts_of("The lab released its newest model on 3 March.") == [("launch", "03-03")]
    assert facts_of("On 10 March 2025 the ministry ordered the lab to switch the model off.") == [("order", "03-10")]
    assert facts_of("On Friday 11 March 2025, the ministry switched it off.") == [("order", "03-11")]
    assert facts_of("The lab released its newest model on the 3rd March.") == [("launch", "03-03")]
    # a version number before a month, a deadline, a dateline, alternatives: no day of anything
    assert facts_of("The lab released the Quill 5 March update to testers.") == []
    assert facts_of("The ministry ordered a reply by 26 March.") == []
    assert facts_of("10 March 2025 (Wire) — The ministry ordered the lab to stop.") == []
    assert facts_of("The ministry ordered it switched off on 10 or 11 March.") == []


def test_an_estimate_backs_the_figure_it_agrees_with_rather_than_being_a_side() -> None:
    from bot.facts.disagree import sides_of
    from bot.facts.store import FactRow

    def fact(value: str, outlet: str) -> FactRow:
        return FactRow(1, 0, 0, 0, 1, "launch_to_shutdown", "duration", value, value, "fact", "g", outlet, None)

    sides = sides_of([fact("4320", "a.example"), fact("4320", "b.example"), fact("~4320", "c.example"),
                      fact("5760", "d.example")])
    assert [(s.value, s.outlets) for s in sides] == [("4320", 3), ("5760", 1)]
    # an estimate far from every figure stays a side of its own
    assert [s.value for s in sides_of([fact("4320", "a.example"), fact("~10080", "b.example")])] == ["4320", "~10080"]


def test_time_from_a_launch_the_sentence_names_to_the_shutdown() -> None:
    text = "Three days after Zephyr Labs launched Quill 3, a ministry order forced it offline."
    assert facts_of(text) == [("launch_to_shutdown", "4320")]
    # from the launch to something other than the shutdown: not how long the model was out
    assert facts_of("Two days after the lab released Quill 3, it topped a leaderboard.") == []
    assert facts_of("Four days after Zephyr Labs launched Quill 3, the ministry sent a letter.") == []


def test_who_issued_the_order_is_read_from_whom_a_sentence_names() -> None:
    def issuers(text: str) -> list[tuple[str, str]]:
        return [(f.value, f.written) for f in read_facts(text) if f.event == "issuer"]

    assert issuers("The shutdown letter came from Commerce Secretary Howard Lutnick late on a Friday.") == [
        ("commerce", "Commerce Secretary Howard Lutnick")]
    assert issuers("Late on Friday the Commerce Department ordered Anthropic to cut off foreign users.") == [
        ("commerce", "Commerce Department")]
    assert issuers("The directive was issued by the Bureau of Industry and Security, people said.") == [
        ("bis", "Bureau of Industry and Security")]
    assert issuers("A letter signed by Lutnick set the licence requirement.") == [("commerce", "Lutnick")]
    # the June 2 executive order is another thing; a denial or a letter to someone else names no issuer
    assert issuers("President Trump signed an executive order on review in early June.") == []
    assert issuers("The directive was not issued by the White House, aides said.") == []
    assert issuers("Anthropic sent a letter to the Senate about distillation.") == []
    assert issuers("Read the letter sent by security researchers to Howard Lutnick.") == []  # he received it
