"""Which publication a question names: "what's lawfare's take", "the cloud security alliance write-up".

Articles know their outlet only as a web domain ("lawfaremedia.org", "labs.cloudsecurityalliance.org"), a
word no reader types and no chunk's text holds, so a question naming its source found it only when the page
happened to name itself. Here a domain gives the site's name as keys, its words run together
("lawfaremedia", and "lawfare" without the generic "media"; "cloudsecurityalliance"), and a question names
the site when a run of its words, joined, is such a key. The match is a rule on purpose: the answer says
whose reporting it leads with because the question named it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

# hosts on which each site is the label just before the host's own name ("streetsignal.substack.com")
_HOSTING = ("substack.com", "pages.dev", "github.io", "blogspot.com", "netlify.app", "web.app", "workers.dev",
            "duckdns.org")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne"})  # "danielmay.co.uk"
# words a site name adds to its own name: "lawfaremedia" is Lawfare, "theregister" The Register
_GENERIC = ("the", "media", "news", "daily", "online", "magazine", "blog", "digest", "hq", "com", "official", "global",
            "world", "today", "wire", "insider")
MIN_KEY = 4  # shorter keys ("ai", "dev") are ordinary words of questions, not names
MAX_WORDS = 4  # the longest run of words read as one site's name
MIN_DOMAIN_KEY = 5  # "dev.to" as typed; not "x.ai" or "z.ai", a company's name as often as its site
MIN_PREFIX = 6  # the fewest letters of words that may begin a site's name ("mag info": maginfotech)
MAX_ONE_WORD_REST = 4  # the most letters a site's name may add to one word beginning it ("lumien": lumienai)


def _host(address: str) -> str:
    return address.strip().lower().split("/")[0].split(":")[0].removeprefix("www.")


def _label(host: str) -> tuple[str, bool]:
    """The label of a host that names its site, and whether the site is hosted on another's domain."""
    hosted = next((host.removesuffix("." + suffix).rsplit(".", 1)[-1] for suffix in _HOSTING
                   if host.endswith("." + suffix)), None)
    if hosted is not None:
        return hosted, True
    labels = host.split(".")
    if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]  # "co.uk": the public suffix is two labels
    return (labels[-2] if len(labels) > 1 else labels[0]), False


def site_label(address: str) -> str:
    """The word of a web address that names its site: "freefable" of "freefable.org", "cloudsecurityalliance" of
    "labs.cloudsecurityalliance.org", "streetsignal" of "streetsignal.substack.com"."""
    return _label(_host(address))[0]


def site_keys(outlet: str) -> frozenset[str]:
    """The names a domain's site goes by, as keys of letters and digits (see the module docstring)."""
    host = _host(outlet)
    label, hosted = _label(host)
    # the domain as typed ("the gate.com explainer", "that dev.to post"): a name however short or everyday
    domain = re.sub(r"[^a-z0-9]", "", host[host.rindex(label):]) if not hosted and "." in host else ""
    key = re.sub(r"[^a-z0-9]", "", label)
    keys = {key}
    for word in _GENERIC:
        if key.startswith(word):
            keys.add(key.removeprefix(word))
        if key.endswith(word):
            keys.add(key.removesuffix(word))
    keys = {k for k in keys if len(k) >= MIN_KEY and not k.isdigit()}
    return frozenset(keys | ({domain} if len(domain) >= MIN_DOMAIN_KEY else set()))


@dataclass(frozen=True)
class NamedSite:
    """A run of the question's words that names a site, and the outlets (domains) of that name."""

    words: tuple[str, ...]
    key: str
    outlets: frozenset[str]


_WORD = re.compile(r"[a-z0-9]+")


def named_site(question: str, outlets_by_key: Mapping[str, frozenset[str]],
               common: Callable[[Sequence[str]], bool], sorted_keys: Sequence[str] | None = None) -> NamedSite | None:
    """The longest run of the question's words naming a site, or None. ``common`` says whether a run of
    words is what the reporting writes about rather than a name ("mythos preview" runs together to the
    key of a site named after the model): such a run names nothing. Failing a whole name, a run of words may
    begin one, when it begins no other ("that mag-info piece": mag-info-tech.com; one word only with little left
    over, "lumien's write-up": lumienai.com). ``sorted_keys`` (the keys in order, kept by the caller across
    questions) finds the names a run begins by bisection, not by a pass over every site."""
    words = _WORD.findall(question.lower().replace("’", "'").replace("'s ", " "))
    ordered = sorted(outlets_by_key) if sorted_keys is None else sorted_keys
    found = _site_in(words, outlets_by_key, common, ordered)
    if found is None:  # "navifeeds explainer", "lumiens write-up": the site's, its apostrophe not typed
        bare = [w[:-1] if w.endswith("s") and len(w) > MIN_PREFIX else w for w in words]
        if bare != words:
            found = _site_in(bare, outlets_by_key, common, ordered)
    return found


def _site_in(words: Sequence[str], outlets_by_key: Mapping[str, frozenset[str]],
             common: Callable[[Sequence[str]], bool], ordered: Sequence[str]) -> NamedSite | None:
    """The longest run of these words naming a site whole, else the one beginning a single site's name."""
    runs = [tuple(words[start : start + size]) for size in range(min(MAX_WORDS, len(words)), 0, -1)
            for start in range(len(words) - size + 1)]
    for run in runs:
        key = "".join(run)
        if key in outlets_by_key and not common(run):
            return NamedSite(run, key, outlets_by_key[key])
    for run in runs:
        key = "".join(run)
        if len(key) < MIN_PREFIX:
            continue
        # one word begins a name only when little of it is left ("lumien's write-up": lumienai.com)
        begun = {name for name in _beginning(key, ordered) if len(run) > 1 or len(name) - len(key) <= MAX_ONE_WORD_REST}
        outlets = frozenset().union(*(outlets_by_key[name] for name in begun))
        if len(outlets) == 1 and not common(run):
            return NamedSite(run, min(begun), outlets)
    return None


def _beginning(prefix: str, ordered: Sequence[str]) -> list[str]:
    """The keys of ``ordered`` (sorted) that begin with ``prefix``, found by bisection."""
    found: list[str] = []
    for i in range(bisect.bisect_left(ordered, prefix), len(ordered)):
        if not ordered[i].startswith(prefix):
            break
        found.append(ordered[i])
    return found


def keys_by_outlet(outlets: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each key with the outlets going by it (two domains of one site share their key)."""
    found: dict[str, set[str]] = {}
    for outlet in outlets:
        for key in site_keys(outlet):
            found.setdefault(key, set()).add(outlet)
    return {key: frozenset(names) for key, names in found.items()}
