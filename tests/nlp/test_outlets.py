from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.nlp.outlets import keys_by_outlet, named_site, site_keys


@pytest.mark.parametrize(("outlet", "keys"), [
    ("lawfaremedia.org", {"lawfaremedia", "lawfare"}),
    ("labs.cloudsecurityalliance.org", {"cloudsecurityalliance"}),
    ("www.theregister.com", {"theregister", "register"}),
    ("streetsignal.substack.com", {"streetsignal"}),
    ("danielmay.co.uk", {"danielmay"}),
    ("the-executive-brief.web.app", {"theexecutivebrief", "executivebrief"}),
    ("Albion Tech", {"albiontech"}),
    ("dev.to", set()),  # too short to be told from a question's words
    ("solnewsglobal.com", {"solnewsglobal", "solnews"}),  # "that solnews analysis"
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
