"""How a quoted sentence is shown: the page's markup off, its words kept (pure)."""

from __future__ import annotations

import pytest

from bot.nlp.display import display_text


@pytest.mark.parametrize(("quote", "shown"), [
    ("- - API access stays available during the crunch.", "API access stays available during the crunch."),
    ("● More than **120** professionals signed the letter, per **PYMNTS**.",
     "More than 120 professionals signed the letter, per PYMNTS."),
    ("The classifier blocked the technique in 99 percent of trials [3][4].",
     "The classifier blocked the technique in 99 percent of trials."),
    ("Pro and Team plans,1 Fable 5 included, keep half their weekly limits [1, 4].",
     "Pro and Team plans, Fable 5 included, keep half their weekly limits."),
    ("Claude 3.5 Sonnet and GPT-5.6 were not affected.", "Claude 3.5 Sonnet and GPT-5.6 were not affected."),
    ("The models went offline after the directive.1", "The models went offline after the directive."),
    ("It beat the old model across related areas 1.", "It beat the old model across related areas."),
    ("The count of labs rose to around 5.", "The count of labs rose to around 5."),  # a value
    ("The ministry restored Quill 3.", "The ministry restored Quill 3."),
    ("SAN FRANCISCO | The partial reversal signals a new federal role.",
     "The partial reversal signals a new federal role."),
    ("WASHINGTON (Reuters) - Commerce lifted the controls.", "Commerce lifted the controls."),
    ("NSA - the agency - tested the model.", "NSA - the agency - tested the model."),
    (r"It is priced at \$10 per million input tokens \(list price\).",
     "It is priced at $10 per million input tokens (list price)."),  # the page's Markdown escapes
    (r'A spokesperson said the measures \"should not be discriminatory\".',
     'A spokesperson said the measures "should not be discriminatory".'),
    ("The rule is the “deemed export” โ€” a provision few engineers know.",  # a dash decoded as Thai
     "The rule is the “deemed export” — a provision few engineers know."),
    ("- โขThe ministry's directive covered both models.", "The ministry's directive covered both models."),  # a bullet
    ("Hey, Mara here! đ Each week I write about Quill.", "Hey, Mara here! Each week I write about Quill."),  # an
    # emoji decoded as Central European; a letter of a word stays
    ("Audience: CIO đźž„ CISO.", "Audience: CIO CISO."),
    ("Rečeno je među ljudima.", "Rečeno je među ljudima."),
    ("[Brussels](/ja/entity/european-union)'s answer came within hours.", "Brussels's answer came within hours."),
    ("The agenda listed cyber threats as discussion topics .", "The agenda listed cyber threats as discussion topics."),
    # a page's label for the sentence it opens; a sentence about a summary keeps its words
    ("Article summary: On March 10, the ministry ordered Quill 3 offline.",
     "On March 10, the ministry ordered Quill 3 offline."),
    ("The short version: the order covered every user.", "The order covered every user."),
    ("Summary judgment was not sought.", "Summary judgment was not sought."),
    # a translator's gloss in another script; a Latin-script parenthesis stays
    ("Other models were not affected. (인류학)", "Other models were not affected."),
    ("The ministry (MoT) acted at 5 p.m. (local time).", "The ministry (MoT) acted at 5 p.m. (local time)."),
    ("The café (Zürich) stayed open.", "The café (Zürich) stayed open."),
    # a digest's outlet tag before a sentence in lower case; an abbreviation opening a sentence stays
    ("TC: the ministry asked the lab to delay its release.", "The ministry asked the lab to delay its release."),
    ("NSA: Mythos reached most systems within hours.", "NSA: Mythos reached most systems within hours."),
])
def test_statements_show_the_quote_without_the_pages_markup(quote: str, shown: str) -> None:
    assert display_text(quote) == shown
