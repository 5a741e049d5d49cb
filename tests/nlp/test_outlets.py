from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.nlp.outlets import keys_by_outlet, named_site, site_keys


@pytest.mark.parametrize(("outlet", "keys"), [
    ("lawfaremedia.org", {"lawfaremedia", "lawfare", "lawfaremediaorg"}),
    ("labs.cloudsecurityalliance.org", {"cloudsecurityalliance", "cloudsecurityallianceorg"}),
    ("www.theregister.com", {"theregister", "register", "theregistercom"}),
    ("streetsignal.substack.com", {"streetsignal"}),
    ("danielmay.co.uk", {"danielmay", "danielmaycouk"}),
    ("the-executive-brief.web.app", {"theexecutivebrief", "executivebrief"}),
    ("Albion Tech", {"albiontech"}),
    ("dev.to", {"devto"}),  # "dev" alone is too short to be told from a question's words; "dev.to" is not
    ("gate.com", {"gate", "gatecom"}),
    ("x.ai", set()),  # "xai" is the company as often as its site
    ("solnewsglobal.com", {"solnewsglobal", "solnews", "solnewsglobalcom"}),  # "that solnews analysis"
])
def test_a_domain_gives_the_names_its_site_goes_by(outlet: str, keys: set[str]) -> None:
    assert site_keys(outlet) == keys


def _never_common(_run: Sequence[str]) -> bool:
    return False


SITES = keys_by_outlet(["lawfaremedia.org", "labs.cloudsecurityalliance.org", "mythospreview.store"])


def test_a_question_names_a_site_by_its_words_run_together() -> None:
    found = named_site("whats lawfare's take on the order?", SITES, _never_common)
    assert found is not None and found.outlets == {"lawfaremedia.org"} and found.words == ("lawfare",)
    found = named_site("the Cloud Security Alliance wrote it up, right?", SITES, _never_common)
    assert found is not None and found.outlets == {"labs.cloudsecurityalliance.org"}
    assert named_site("did the government have legal authority?", SITES, _never_common) is None


def test_words_the_reporting_uses_name_no_site() -> None:
    def common(run: Sequence[str]) -> bool:
        return run == ("mythos", "preview")

    assert named_site("what did mythos preview find?", SITES, _never_common) is not None
    assert named_site("what did mythos preview find?", SITES, common) is None


def test_a_domain_typed_as_written_names_its_site() -> None:
    sites = keys_by_outlet(["dev.to", "gate.com"])
    found = named_site("that twarx/dev.to writeup, what did it say?", sites, _never_common)
    assert found is not None and found.outlets == {"dev.to"}
    found = named_site("how did the gate.com explainer put it?", sites, _never_common)
    assert found is not None and found.outlets == {"gate.com"}
    assert named_site("what did the developer say?", sites, _never_common) is None


def test_words_beginning_one_site_name_name_it() -> None:
    sites = keys_by_outlet(["mag-info-tech.com", "lawfaremedia.org", "ainewsgrid.com", "ainewshub.com"])
    found = named_site("per that mag-info piece, how long has it failed?", sites, _never_common)
    assert found is not None and found.outlets == {"mag-info-tech.com"}
    assert named_site("what did the ai news people say?", sites, _never_common) is None  # begins two sites
    assert named_site("what did mag say?", sites, _never_common) is None  # one word: too little to tell


def test_one_word_begins_a_site_name_only_with_little_left_over() -> None:
    sites = keys_by_outlet(["lumienai.com", "huadongpengtechnology.com"])
    found = named_site("what did lumien's write-up say?", sites, _never_common)
    assert found is not None and found.outlets == {"lumienai.com"}
    assert named_site("what did the huadong blog say?", sites, _never_common) is None


def test_a_site_typed_with_its_possessive_s_and_no_apostrophe_is_still_named() -> None:
    sites = keys_by_outlet(["lumienai.com", "navifeed.com"])
    for question, outlet in (("what did lumiens write-up say?", "lumienai.com"),
                             ("navifeeds explainer says executive order", "navifeed.com")):
        found = named_site(question, sites, _never_common)
        assert found is not None and found.outlets == {outlet}
    assert named_site("what do the analysts say?", sites, _never_common) is None


def test_the_word_of_a_web_address_naming_its_site() -> None:
    from bot.nlp.outlets import site_label

    assert site_label("freefable.org") == "freefable"
    assert site_label("labs.cloudsecurityalliance.org") == "cloudsecurityalliance"
    assert site_label("streetsignal.substack.com") == "streetsignal"
    assert site_label("www.danielmay.co.uk") == "danielmay"
