"""Reading a question as it was meant: casual writing normalised, parts split, follow-ups resolved.

People type "who sued the govt over the fable ban??", "whats david sacks version", "when did it come
back?" in a thread, or ask two things at once. Retrieval and scoring need the question as meant:

- chat abbreviations and missing apostrophes are expanded ("govt" → "government", "whats" → "what's"),
  letters typed many times collapsed ("soooo" → "so");
- a word the corpus never uses is corrected to the likeliest corpus or everyday English word one slip
  away ("lutnik" → "lutnick", "himelf" → "himself", "talkked" → "talked"), and a word the corpus writes
  almost always capitalised is capitalised ("legion" → "Legion") so names are recognised in lowercase
  questions;
- "2", "4", "&" and "+" typed for "to", "for" and "and" are read as the words, "2" and "4" only where they
  count nothing ("tell him 2 stop", not "fable 4" or "the 2 models");
- the asker's remarks about themselves and wordy guesses after the question are left out;
- several questions in one are split into parts, each answered on its own, in turn;
- a follow-up ("when did it come back?", "what about mythos?") is read with the earlier questions of
  its thread, only when it refers back or names nothing of its own, so an old topic is not dragged
  into a new question.

The vocabulary comes from the indexed corpus (:class:`Vocabulary`), so nothing here is fitted to
particular questions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from bot.answers.named_values import READING_WORDS
from bot.answers.quoted import quoted_phrases
from bot.nlp.calendar import DAY_MONTH, MONTH_DAY, MONTHS, WEEKDAYS
from bot.nlp.places import place_terms
from bot.nlp.terms import STOPWORDS, edit_distance, stem, terms

# Chat abbreviations → what they stand for. Filler that asks for a style of answer ("short version",
# "eli5", "tldr") is dropped: it is not part of what is asked.
ABBREVIATIONS = {
    "govt": "government", "gov't": "government", "gvt": "government", "gov": "government",
    "diff": "difference", "n": "and",
    "admin": "administration", "dept": "department", "ppl": "people", "peeps": "people",
    "w/": "with", "w/o": "without", "b/c": "because", "bc": "because", "cuz": "because", "coz": "because",
    "pls": "", "plz": "", "pleeease": "", "u": "you", "ur": "your", "rn": "right now", "atm": "at the moment",
    "r": "are",
    "tho": "though", "thru": "through", "abt": "about", "bout": "about", "wat": "what", "wut": "what",
    "whaat": "what", "y": "why", "b4": "before", "yrs": "years", "yr": "year", "hrs": "hours", "hr": "hour",
    "mins": "minutes", "min": "minutes", "info": "information", "prez": "president", "potus": "president",
    "smth": "something", "sth": "something", "gonna": "going to", "wanna": "want to", "gotta": "have to",
    "thx": "", "ty": "", "tbh": "", "imo": "", "idk": "", "lol": "", "lmao": "", "eli5": "", "tldr": "",
    "tl;dr": "", "ngl": "", "fr": "", "btw": "", "iirc": "", "afaik": "", "pm": "pm", "am": "am",
    "dems": "democrats", "repubs": "republicans", "gop": "Republicans",
    "yo": "", "bruh": "", "hey": "", "hmm": "", "um": "", "uh": "", "ugh": "", "welp": "", "dude": "",
    "oh": "", "ooh": "", "ah": "", "anyway": "", "anyways": "", "rly": "really", "srsly": "seriously",
    "tmrw": "tomorrow", "nvm": "", "fyi": "", "ofc": "", "jk": "", "omg": "", "wtf": "", "tbf": "",
    "legit": "legitimate", "sus": "suspicious",
    "org": "organization", "orgs": "organizations", "exec": "executive", "execs": "executives",
    "dev": "developer", "devs": "developers", "intl": "international", "biz": "business", "regs": "regulations",
    "approx": "approximately", "mgmt": "management", "vuln": "vulnerability", "vulns": "vulnerabilities",
    "whats": "what is", "whos": "who is", "wheres": "where is", "whens": "when is", "hows": "how is",
    "whys": "why is", "thats": "that is", "when's": "when is", "where's": "where is", "how's": "how is",
    "why's": "why is", "itd": "it would", "wich": "which", "thier": "their", "teh": "the", "waht": "what",
    "dont": "don't", "didnt": "didn't", "doesnt": "doesn't",
    "isnt": "isn't", "wasnt": "wasn't", "werent": "weren't", "arent": "aren't", "cant": "can't",
    "wont": "won't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
    "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "im": "I'm", "ive": "I've", "theyre": "they're",
    "theyve": "they've", "youre": "you're", "itll": "it'll", "whatd": "what did", "whyd": "why did",
    "howd": "how did", "whod": "who did", "whered": "where did", "whend": "when did",
    "why'd": "why did", "what'd": "what did", "how'd": "how did", "who'd": "who did", "where'd": "where did",
    "when'd": "when did", "w": "with",
    # short spellings of question words and common words, too short for the spelling correction to judge
    "wen": "when", "whn": "when", "hw": "how", "wht": "what", "whr": "where", "wher": "where", "wy": "why",
    "shld": "should", "wld": "would", "cld": "could", "shd": "should",
    "bcz": "because", "becuz": "because", "cos": "because",
    "smh": "", "brb": "", "lmk": "", "sry": "", "srry": "", "ffs": "", "fml": "", "gg": "", "wdym": "", "ccd": "copied",
    "prolly": "probably", "kinda": "kind of", "sorta": "sort of", "dunno": "", "lemme": "let me",
    "gimme": "give me", "thnx": "",
    # chat's words for what reporting writes plainly: a risk is "dangerous", not "scary"; a prompt or a deal
    # "suspicious"; a model "pulled", not "nuked"; telling on someone is reporting; "crazy", "insane" only stress
    "scary": "dangerous", "spooky": "dangerous", "creepy": "dangerous",
    "sketchy": "suspicious", "shady": "suspicious", "fishy": "suspicious", "dodgy": "suspicious",
    "crazy": "", "insane": "", "bonkers": "", "nuts": "", "wild": "",
    "nuked": "pulled", "axed": "pulled", "canned": "pulled", "ditched": "pulled", "yeeted": "pulled",
    "busted": "broken", "borked": "broken", "kaput": "broken",
    "snitch": "report", "snitched": "reported", "snitching": "reporting", "ratted": "reported",
}
# the words after which a one-letter abbreviation cannot stand for its word ("does are street think")
_NOT_AFTER = {"r": frozenset({"do", "does", "did", "per", "from", "by", "at", "says", "said", "whether", "that",
                               "the", "this"})}
FILLER_PHRASES = re.compile(
    r"\b(?:(?:short version|tl;?dr|eli5)(?:\s+(?:of|on|for)\b)?|long story short|in short|explain like i'?m (?:five|5)|"
    r"like (?:i'?m|im|i am) (?:five|5|a (?:kid|child|toddler|5 year old|five year old))|"
    r"in (?:simple|plain|layman'?s?|laymans) terms|for dummies|quick (?:question|qn|q)s?|qq|"
    r"(?:(?:sorry if (?:this is |this's |its |it's )?(?:a )?)?(?:dumb|stupid|silly|noob|basic) (?:question|qn|q)s?|"
    r"sorry if (?:this is |this's |its |it's )?(?:dumb|stupid|silly|obvious)|random (?:question|qn|q)|"
    r"random(?=,?\s+but\b)|"
    r"(?:genuine|honest|serious) (?:question|qn|q))(?:,?\s+but\b)?|"
    r"real quick|asking for a friend|be honest|one line|in a nutshell|in plain english|for real|"
    r"anyone know|does anyone know|can someone tell me|can you tell me|could you tell me|i wonder|"
    r"i was wondering|just wondering|ok so|okay so|so like|"
    # the bot addressed, by name or as "bot" ("@briefbot when…", "ok bot tldr…", "bot, who sued")
    r"(?:hey|hi|hello|yo|ok|okay|thanks|thank you|thx|ty|so|pls|please|dear) bot|^\W*bot(?=\s*[,:!])|"
    r"(?:first|second|third|1st|2nd|3rd|next|last|final) (?:q|qn|question)|q ?[1-9]|question [1-9])\b:?",
    re.IGNORECASE,
)
_BOT_NAMED = re.compile(r"(?<![\w@])@?brief[\s-]?bot\b[,:!.]*", re.IGNORECASE)  # "@briefbot when…", "briefbot, who…"
# Interjections that open a chat message or one of its questions ("wait, when did it come back?", "yo who sued",
# "honestly why did they ban it"): a closed class of words that ask nothing. Only where a question starts: "how
# long did they wait" keeps its word. ("and", "so", "also" stay: they mark a follow-up.)
OPENING_INTERJECTIONS = re.compile(
    r"(^|[?!.;]\s+)(?:(?:wait|ok|okay|k|alright|aight|well|hey|hi|hello|yo|hmm+|um+|uh+|erm|lol|lmao|haha|ngl|tbh|"
    r"honestly|seriously|srsly|btw|bruh|bro|dude|guys|pls|plz|please|oh|ah|huh|wow|idk|imo|imho)\b[\s,!.:;-]*)+"
    r"(?=\w)", re.IGNORECASE)
# A statement turned into a question by a tag ("fable 5 is $10 per million tokens, right?", "skt is korea's
# biggest carrier right?"): the tag asks for confirmation and names nothing to look for. Not when the clause is
# itself a question ("was the decision right?" asks whether it was right).
TAG_QUESTION = re.compile(r"(^|[?!.;]\s+)([^?!.;]*?)[\s,]+(?:right|correct|yeah|innit|true|legit|accurate|"
                          r"(?:is|was) (?:that|it|this) (?:true|right|legit|correct|accurate|real))\s*\?",
                          re.IGNORECASE)
# What the asker thinks, said before the question ("this ban was so dumb, why did they even do it", "ngl i think
# anthropic handled it well, did they comply fast"): no word to look for, but it names what the question's "it" or
# "they" stands for
_OPINION_FIRST = re.compile(
    r"^\W*(?:(?:i|we) (?:think|feel like|reckon|guess|believe|bet)|imo|imho) "
    r"(?:(?P<thought>(?:the|this|that) (?:whole )?[a-z]+)|(?P<who>[a-z][\w'’-]*))\b[^,?.;!]*[,.;!]+\s*"
    r"(?=(?:so |but |and |anyway |like )?(?:why|what|whats|how|when|who|which|where|did|does|do|is|was|were|are|can|"
    r"could|will|would|has|have|had)\b)|"
    r"^\W*(?P<what>(?:this|the|that) (?:whole )?[a-z]+) (?:is|was|seems|seemed|sounds|feels|felt) (?:so |really |"
    r"pretty |kinda |kind of |totally |super |such a |just )*(?:dumb|stupid|crazy|insane|wild|ridiculous|bad|good|"
    r"great|smart|weird|unfair|overblown|messy|a mess|nuts|bonkers|shady|sus|wrong|fair|dumb af)\b[^,?.;!]*[,.;!]+\s*"
    r"(?=(?:so |but |and |anyway |like )?(?:why|what|whats|how|when|who|which|where|did|does|do|is|was|were|are|can|"
    r"could|will|would|has|have|had)\b)", re.IGNORECASE)
MIN_PARTY_LETTERS = 3  # a word after "i think" shorter than this names no party ("i think so")
_POINTING_AT_THING = re.compile(r"\b(?:it|this|that)\b(?![\w'’])", re.IGNORECASE)
_POINTING_AT_PARTY = re.compile(r"\b(?:they|them)\b(?![\w'’])", re.IGNORECASE)
_ASKING_OPENER = re.compile(
    r"^\W*(?:is|was|are|were|do|does|did|can|could|will|would|should|has|have|had|who|whom|whose|what|whats|when|"
    r"where|why|how|which)\b", re.IGNORECASE)


def _without_opinion(text: str) -> str:
    """The question without the opinion said before it (see ``_OPINION_FIRST``), its first "it" or "they" read as
    what the opinion was about ("the ban"; "anthropic"), unless that is another pronoun."""
    match = _OPINION_FIRST.match(text)
    if match is None:
        return text
    question = text[match.end() :]
    if (thing := match.group("what") or match.group("thought")) is not None:
        return _POINTING_AT_THING.sub(re.sub(r"^(?:this|that) ", "the ", thing, flags=re.IGNORECASE), question, count=1)
    party = match.group("who")
    if party.lower() in STOPWORDS or len(party) < MIN_PARTY_LETTERS:
        return question  # "i think so, when was it", "i think they…": nothing named
    return _POINTING_AT_PARTY.sub(party, question, count=1)


def _drop_tag(match: re.Match[str]) -> str:
    start, clause = match.group(1), match.group(2)
    # (a clause of a word or two, "that is correct?", is no statement the tag follows)
    if _ASKING_OPENER.match(clause) or len(clause.split()) < 3:
        return match.group(0)
    return f"{start}{clause}?"


# Chat idioms whose words are in no article, as the plain question they stand for ("what's the deal with
# the jailbreak" asks what happened with it).
# a verb with no object: the clause ends, or a conjunction or adverb follows ("did it tank after the ban")
_NOTHING_AFTER = r"(?=\s*(?:$|[?!.,;]|\s(?:after|when|because|since|so|too|hard|or|and)\b))"
IDIOMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bwhat is (?:the|this|that) (?:deal|story|situation|tea|sitch) (?:with|about|on)\b",
                re.IGNORECASE), "what happened with"),
    (re.compile(r"\bwhat is up with\b", re.IGNORECASE), "what happened with"),
    (re.compile(r"\bwhat is (?:the|this|that) (?:deal|story|situation|tea)\b", re.IGNORECASE), "what happened"),
    # "whats he got to do with it", "what's tom brown got to say": the "'s" of "has"
    (re.compile(r"\bwhat is ((?:\w+ ){1,3})got\b", re.IGNORECASE), r"what has \1got"),
    # "diff" before what it qualifies ("i keep seeing diff dates") is "different"; "the diff" is the difference
    (re.compile(r"(?<!\bthe )(?<!\ba )(?<!\bany )(?<!\bno )\bdifference (?=\w+s\b|answers?\b|story\b|model\b)",
                re.IGNORECASE), "different "),
    # "a diff number", "a diff date": "a" and a noun after it (not "a diff of 2 days", "a big diff")
    (re.compile(r"(?<=\ba )difference (?=(?:number|date|day|figure|time|answer|story|version|account|count|name|"
                r"source|site|outlet|article|model|timeline)\b)", re.IGNORECASE), "different "),
    # a decade typed short ("the 90s crypto wars", "back in the '80s") as reporting writes it ("the 1990s"):
    # not a figure the reporting must state
    (re.compile(r"(?<![\w$.,])'?([5-9]0)s\b"), r"19\1s"),  # (not "in their 20s", an age)
    # chat verbs for a fall or a removal ("does the ban tank the ipo", "right before it got yanked"); a think
    # tank stays one, and a tank with nothing after it is a fall ("did anthropic's valuation tank?")
    (re.compile(rf"(?<!\bthink )\btank{_NOTHING_AFTER}", re.IGNORECASE), "fall"),
    (re.compile(rf"(?<!\bthink )\btanked{_NOTHING_AFTER}", re.IGNORECASE), "fell"),
    (re.compile(r"(?<!\bthink )\btank(s|ed|ing)?\b(?! (?:top|engine|of)\b)", re.IGNORECASE), r"hurt\1"),
    (re.compile(r"\byank(s|ed|ing)?\b", re.IGNORECASE), r"pull\1"),
    # "re:" or "re" before what it concerns ("anthropic's statement re: the order"): "about"
    (re.compile(r"(?<![\w'’-])re\s*:?\s+(?=\w)", re.IGNORECASE), "about "),
    # "an indian it company": information technology, not the pronoun (which no noun follows)
    (re.compile(r"\bit (compan(?:y|ies)|firms?|services|sector|giants?|majors?|outsourcing|industry|workers)\b",
                re.IGNORECASE), r"IT \1"),
    # "the house letter", "house members": the House of Representatives, not the White House the reporting names far
    # more often (its "House" had answered with the White House's letters)
    (re.compile(r"(?<!white )(?<![\w-])house (?=(?:members?|letters?|reps?|representatives|republicans?|democrats?|"
                r"lawmakers?|committees?|oversight|panel|hearings?|bill|vote|speaker)\b)", re.IGNORECASE),
     "House of Representatives "),
    # where people said it: "ppl on X were saying…" names no party the reporting could state
    (re.compile(r"\bon (?:x|twitter|reddit|tiktok|threads|bluesky|hn|hacker news)\b", re.IGNORECASE),
     "on social media"),
    # an apology as reporting writes it ("did anthropic at least say sorry" asks whether it apologised; a "sorry"
    # of the asker's own is no part of the question)
    (re.compile(r"\b(?:say|said|says|saying)\s+sorry\b", re.IGNORECASE), "apologized"),
    # "how is mythos different from fable", "how does X differ from Y": the difference between them
    (re.compile(r"\bhow (?:is|are|was|were) (.+?) (?:different|diff) (?:from|than|to) (.+?)(?=\s*(?:[?!.]|$))",
                re.IGNORECASE), r"what is the difference between \1 and \2"),
    (re.compile(r"\bhow (?:does|do|did) (.+?) differ from (.+?)(?=\s*(?:[?!.]|$))", re.IGNORECASE),
     r"what is the difference between \1 and \2"),
    # giving in, as chat puts it ("did anthropic cave to the government", "they folded"): complying
    (re.compile(r"\b(?:cave|caved|caves|caving)(?:\s+in)?(?=\s+to\b|\s*[?!.]|\s*$)", re.IGNORECASE), "comply"),
    # "kick in": take effect ("when does the act kick in", "how often does the fallback kick in")
    (re.compile(r"\bkicks? in\b", re.IGNORECASE), "take effect"),
    (re.compile(r"\bkicked in\b", re.IGNORECASE), "took effect"),
    # a company "going public" lists its shares ("did anthropic go public yet"); going public with something is
    # telling it ("went public with the claims")
    (re.compile(r"\b(?:go|goes|going|gone|went)\s+public\b(?!\s+(?:with|about|on)\b)", re.IGNORECASE),
     "hold an IPO"),
    # a figure typed short ("950k an hour", "$10m", "2bn") as reporting writes it ("950,000", "$10 million")
    (re.compile(r"(?<![\w.])(\$?\d{1,3})k\b(?!\s*(?:video|resolution|monitor|tv|display)\b)", re.IGNORECASE),
     r"\1,000"),
    (re.compile(r"(?<![\w.])(\$?\d+(?:\.\d+)?)\s?(?:m|mn|mil)\b(?!\s*(?:tokens?|context)\b)", re.IGNORECASE),
     r"\1 million"),
    (re.compile(r"(?<![\w.])(\$?\d+(?:\.\d+)?)\s?(?:b|bn|bil)\b", re.IGNORECASE), r"\1 billion"),
)
_AND_SIGN = re.compile(r"(?<!\S)[&+](?!\S)")
_NUMBERED = re.compile(r"\b([A-Za-z]+)[ -](\d+(?:\.\d+)?)")
NUMBERED_USES = 3
# an acronym is read as the name it abbreviates when it has at least three letters (two-letter ones are too many
# words' and names' own), the corpus writes that name at least five times and for four in five of the acronym's
# names; a word of up to four capitals counts whole ("SK", "US")
MIN_ACRONYM = 3
ACRONYM_WORD = 4
ACRONYM_USES = 5
ACRONYM_SHARE = 0.8
NUMBERED_SHARE = 0.1  # "Fable" is followed by a number 3 times in 4, "Anthropic" or "move" hardly ever
STORY_NAME_SHARE = 0.25  # of the most numbered name's uses, for another to be one the story is about
STORY_PREFIX_LETTERS = 4  # a word before a version beginning with this many of a story name's letters stands for it
STORY_NAME_SLIPS = 2  # or one this many slips from it
# the words of a question that asks about the whole story ("what happened?", "can someone explain the whole
# thing", "what's the deal"): with nothing else, it names nothing to look for
# ("catch me up on the fable thing", "fill me in", "the fable drama?", "whats up with fable", "the gist")
_OVERVIEW_CUE = re.compile(r"\b(?:happen\w*|going on|deal|story|stories|explain\w*|summar\w+|recap|overview|saga|"
                           r"whole (?:[\w.-]+ ){0,2}?(?:thing|saga|story|mess|situation|drama)|all about|what about|"
                           r"catch (?:me|us|u) up|fill (?:me|us|u) in|drama|mess|"
                           r"situation|fiasco|rundown|run-down|lowdown|gist|nutshell|what(?:['’]?s| is) up with|"
                           # "what's the timeline", "give me the key dates": the story's main events in order
                           r"timeline|chronology|key (?:dates|events|moments)|main events|sequence of events)\b",
                           re.IGNORECASE)
_A_DAY = re.compile(rf"{MONTH_DAY}|{DAY_MONTH}|\b\d{{1,2}}/\d{{1,2}}\b", re.IGNORECASE)  # "july 1", "1 july", "7/1"
# the span of time a question about the whole story may give ("this summer", "the past few weeks")
_SPAN_TERMS = frozenset(terms(f"{MONTHS.replace('|', ' ')} summer spring weeks months year past last few couple"))
_OTHER_ASK = re.compile(r"\b(?:when|whens|where|who|whom|whose|whos|why|which|how)\b", re.IGNORECASE)
# a message asking only for the short version ("tl;dr pls", "eli5", "summary?") asks what happened
_SUMMARY_ASK = re.compile(r"(?:^|\s)(?:tl;?dr|eli5|short version|long story short|in a nutshell|summary|"
                          r"summari[sz]e|recap|overview|rundown|run-down|lowdown|gist|"
                          r"explain like i'?m (?:five|5))(?=\W|$)", re.IGNORECASE)
OVERVIEW_QUESTION = "what happened?"
# chat around a question that asks nothing itself ("yo", "ok so", "pls", "quick version", "anyone know")
CHAT_FILLER = frozenset(terms("yo hey hi ok okay so guys pls please plz anyone someone know quick quickly short "
                              "version basically actually just real really me us u up in whats"))
_OVERVIEW_TERMS = frozenset(terms("explain deal story stories summary summarise summarize recap overview saga thing "
                                  "whole give tell happened happening going what about catch fill drama mess "
                                  "situation fiasco rundown lowdown gist nutshell entire timeline chronology key "
                                  "dates events moments main sequence")) | CHAT_FILLER
# "2" and "4" typed for "to" and "for" ("tell him 2 do it", "fly out 2 dc", "ask 4 the files"): read so
# where the word before is never followed by a number in the corpus and the word after is no count's noun
_DIGIT_WORDS = {"2": "to", "4": "for"}
_VERSION_S = re.compile(r"\d+(?:\.\d+)?s")
_COUNTED = re.compile(r"(?:.*s|day|week|month|year|hour|minute|time|percent|million|billion|thousand|k|m|b|x)",
                      re.IGNORECASE)
# a time of day ("5:21"), an amount ("$10"), a number with thousands ("10,000+") and a fraction ("1/3") are one word
# each: "5: 21", "$ 10", "10, 000" and "1/ 3" are not what reporting writes
_WORD = re.compile(r"\d{1,2}:\d{2}(?!\d)|\$\d+(?:,\d{3})*(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?\+?|\d+/\d+(?:/\d+)?|"
                   r"[A-Za-z]+&[A-Za-z]+|"
                   r"[A-Za-z0-9]+(?:[.\-'_][A-Za-z0-9]+)*(?:/[A-Za-z]*(?:[.\-][A-Za-z0-9]+)*|(?<=s)'(?!\w))?|\S")
# ("stop_reason" whole, and "twarx/dev.to": a site's domain after a slash is not a full stop)
# A name and its version typed as one token ("gpt5", "opus4.8", "v4", "h100s"): read here as the corpus
# writes it, and by the composer as a value the reporting must state.
GLUED_VERSION = re.compile(r"\b([A-Za-z]{1,4})(\d+(?:\.\d+)*)(?=s?\b)")
_NAME_AND_NUMBER = re.compile(r"([A-Za-z]{5,})(\d+(?:\.\d+)*)")  # a longer name run into its number
_DAY_ORDINAL = re.compile(r"((?:[4-9]|[12]\d|3[01]))(?:st|nd|rd|th)", re.IGNORECASE)  # not "1st", "2nd", "3rd"
_ELONGATED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)
_VOCAB_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|[.!?]")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# Words that refer back to something said earlier in the thread.
_ANAPHORA = re.compile(
    r"\b(?:it|its|it's|they|them|their|theirs|he|him|his|she|her|this|that|these|those|there|then|"
    r"the (?:first|second|third|other|same|latter|former|last) one|same|the (?:company|firm|model|models|order|ban|"
    r"agency|department|government))\b",
    re.IGNORECASE,
)
# "the lawsuit", "the letter": one of several the story has, so back to what the thread spoke of, when it did
# (after "what did jassy say?", "how many signed the letter?" asks about the experts' letter, not about Jassy)
_DEFINITE = re.compile(r"\bthe (lawsuit|suit|case|deal|judge|court|report|bill|letter)\b", re.IGNORECASE)
# the words a thread may have spoken of each by ("who sued?" spoke of a lawsuit)
_SPOKEN_AS = {"lawsuit": "sue sued suing suit lawsuit case court complaint", "suit": "sue sued suing suit lawsuit case",
              "case": "sue sued suing suit lawsuit case court", "court": "sue sued suing suit lawsuit case court judge",
              "judge": "judge court ruling sue sued lawsuit"}
_POINTS_AT_TIME = re.compile(r"\b(?:that|this|the same) (?:day|date|week|month|morning|afternoon|evening|night|"
                             r"time)\b|\bthen\b", re.IGNORECASE)
_CALENDAR_NAME = re.compile(rf"(?:{MONTHS}|{WEEKDAYS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?",
                            re.IGNORECASE)
_CONTINUES = re.compile(r"^\s*(?:and|also|plus|but|so|what about|how about|and what about|what of|ok and|"
                        r"okay and|then|same for|same question for)\b", re.IGNORECASE)
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+|ok\s+|okay\s+|so\s+)?(?:what|how)\s+about\s+(.+?)\s*\??\s*$",
                         re.IGNORECASE)
# Where one question ends and another begins inside one message (not after "U.S.", "Dr." or an
# initial).
_PART_BREAK = re.compile(
    r"(?<=[?!])\s+|(?<=[.;])(?<!\b[A-Z]\.)(?<!\.[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|No)\.)"
    r"(?<!\b(?:Inc|Gen|Sen|Rep|Gov|Mrs)\.)(?<!\bCorp\.)\s+(?=\S)|\s*,?\s+(?:and|also|plus)\s+(?:also\s+)?"
    r"(?=(?:what|who|whom|when|where|why|how|which|did|does|do|is|are|was|were|will|has|have|can|could|might|"
    r"should|would)\b)|\s*[,—–]?\s+(?:and also|also|plus)\s+(?=(?:at|in|on|for|by|from|to|with|under|since|after|"
    r"before) (?:what|which|whom|when|how)\b)",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(r"\b(?:what|who|whom|when|where|why|how|which|did|does|do|is|are|was|were|will|"
                            r"has|have|can|could|should|would)\b", re.IGNORECASE)
_ASKING_WORD = re.compile(r"\b(?:what|who|whom|when|where|why|how|which)\b", re.IGNORECASE)  # asks wherever it stands


def _about_the_reporting(piece: str) -> bool:
    """A remark about what the asker has read and nothing else ("every article has a different number"): it asks
    nothing of its own (a claim to check names what it is about: "thought they were against it")."""
    said = set(terms(piece))
    return bool(said) and said <= READING_WORDS | _REMARK_WORDS


_REMARK_WORDS = frozenset(terms("every each all any another both same confusing confused mess"))


class Vocabulary:
    """What the corpus writes: word counts (lowercase) and how often each word is capitalised mid-sentence."""

    def __init__(self, counts: dict[str, int], capitalised: dict[str, int]) -> None:
        self.counts = counts
        self.capitalised = capitalised
        self.inside: dict[str, int] = {}  # occurrences not opening a sentence (where case tells a name)
        self.upper: dict[str, int] = {}  # … of them written in capitals ("NSA", "API")
        self.mixed: dict[str, dict[str, int]] = {}  # … written in mixed case, by form ("OpenAI", "DeepMind")
        self.english: frozenset[str] = frozenset()  # everyday words, never "corrected" (see english_words)
        self.sites: frozenset[str] = frozenset()  # the sources' names ("mondaq"), never "corrected" either
        self.numbered: dict[str, int] = {}  # words the corpus writes before a number ("Fable 5", "Opus 4.8")
        self.versions: dict[str, dict[str, int]] = {}  # … and which numbers, how often ("fable": {"5": 4210})
        self._stems: dict[str, int] | None = None  # its words' uses by stem, built when first needed
        self._story_names: list[str] | None = None  # see story_names, built when first needed
        self._two_slip_index: dict[str, list[str]] | None = None  # see _two_slips_away, built when first needed
        self._frequent_names: list[str] | None = None  # see _clipped_name, sorted, built when first needed
        self.acronyms: dict[str, dict[str, int]] = {}  # "skt": {"SK Telecom": uses} (see spelled_out)

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Vocabulary:
        vocabulary = cls({}, {})
        for text in texts:
            vocabulary.add(text)
        return vocabulary

    def add(self, text: str) -> None:
        self._stems = self._story_names = self._frequent_names = None
        counts, caps = self.counts, self.capitalised
        previous = "."
        run: list[str] = []  # the capitalised words just read ("SK Telecom"), for the names' acronyms
        for token in _VOCAB_TOKEN.findall(text):
            if token[0].isupper():
                run.append(token)
            elif run:
                self._add_acronyms(run)
                run = []
            if token in ".!?":
                previous = token
                continue
            low = token.lower()
            counts[low] = counts.get(low, 0) + 1
            if previous not in ".!?":
                self.inside[low] = self.inside.get(low, 0) + 1
                if token[0].isupper():
                    caps[low] = caps.get(low, 0) + 1
                    if token.isupper() and len(token) > 1:
                        self.upper[low] = self.upper.get(low, 0) + 1
                    elif not token[1:].islower() and len(token) > 1:
                        forms = self.mixed.setdefault(low, {})
                        forms[token] = forms.get(token, 0) + 1
            previous = token

        if run:
            self._add_acronyms(run)
        for match in _NUMBERED.finditer(text):
            low = match.group(1).lower()
            self.numbered[low] = self.numbered.get(low, 0) + 1
            versions = self.versions.setdefault(low, {})
            versions[match.group(2)] = versions.get(match.group(2), 0) + 1

    def _add_acronyms(self, run: Sequence[str]) -> None:
        """Count the acronym of each name of two or three words in a run of capitalised words that mixes a word
        in capitals with others: the capitals spelled whole, the others by their initial ("SK Telecom" is "skt",
        as users type it)."""
        for size in (2, 3):
            for start in range(len(run) - size + 1):
                words = run[start : start + size]
                capitals = [w.isupper() and len(w) <= ACRONYM_WORD for w in words]
                if all(capitals) or not any(capitals):
                    continue  # initials alone stand for too much ("pdt": a time zone, or President Donald Trump)
                key = "".join(w.lower() if w.isupper() and len(w) <= ACRONYM_WORD else w[0].lower() for w in words)
                if len(key) >= MIN_ACRONYM:
                    phrases = self.acronyms.setdefault(key, {})
                    phrase = " ".join(words)
                    phrases[phrase] = phrases.get(phrase, 0) + 1

    def spelled_out(self, word: str) -> str | None:
        """The name a word the corpus never writes abbreviates ("skt": "SK Telecom"), when the corpus writes one
        such name far more than any other; else None. An everyday word or a source's name is no acronym."""
        low = word.lower()
        if self.counts.get(low, 0) or low in self.english or low in self.sites or not low.isalpha():
            return None
        phrases = self.acronyms.get(low)
        if not phrases:
            return None
        phrase, uses = max(phrases.items(), key=lambda item: (item[1], item[0]))
        if uses < ACRONYM_USES or uses < ACRONYM_SHARE * sum(phrases.values()):
            return None
        # no everyday little word: "Over AI" (a heading's words) is no name an acronym stands for
        return phrase if not any(w.lower() in STOPWORDS for w in phrase.split()) else None

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def takes_number(self, word: str) -> bool:
        """The corpus often writes this word before a number ("Fable 5", "June 12", "Section 232")."""
        low = word.lower()
        numbered = self.numbered.get(low, 0)
        return numbered >= NUMBERED_USES and numbered >= NUMBERED_SHARE * self.counts.get(low, 1)

    def story_names(self) -> list[str]:
        """The names the corpus is about: those it writes before a version most ("Fable", "Mythos"), at least a
        quarter as often as the first; a question naming nothing ("what happened?") is asked about them."""
        if self._story_names is None:
            months = {m.lower() for m in f"{MONTHS}|{WEEKDAYS}".split("|")}
            numbered = {w: n for w, n in self.numbered.items() if w not in months and self.is_name(w)}
            most = max(numbered.values(), default=0)
            ranked = sorted(numbered, key=lambda w: -numbered[w])
            self._story_names = [self.name_form(w) for w in ranked
                                 if most >= NUMBERED_USES and numbered[w] >= STORY_NAME_SHARE * most]
        return self._story_names

    def story_name_meant(self, word: str) -> str | None:
        """The story's name a word typed before a version stands for, when the corpus never writes that word before a
        number and it begins as the name does or is a slip or two away ("mythical 5", "fabel 5"; not "myth 5",
        which one site writes); else None."""
        low = word.lower()
        if not low.isalpha() or self.numbered.get(low, 0) or len(low) < STORY_PREFIX_LETTERS:
            return None
        return next((name for name in self.story_names() if low != name.lower() and (
            low[:STORY_PREFIX_LETTERS] == name.lower()[:STORY_PREFIX_LETTERS]
            or edit_distance(low, name.lower()) <= STORY_NAME_SLIPS)), None)

    def story_model(self, value: str) -> bool:
        """Whether a value a question gives is one of the models the story is about, as the corpus writes it
        most ("Fable 5", "mythos 5"): the subject of nearly every article, not a detail an answer must restate
        ("after Fable 5 was switched off, what did Civo's CEO say"); another version ("Fable 6") is a detail."""
        match = re.fullmatch(r"([A-Za-z]+)[ -](\d+(?:\.\d+)?)", value.strip())
        if match is None or match.group(1).lower() not in {n.lower() for n in self.story_names()}:
            return False
        versions = self.versions.get(match.group(1).lower(), {})
        return bool(versions) and versions.get(match.group(2), 0) * 2 >= sum(versions.values())

    def is_name(self, word: str) -> bool:
        """Written capitalised nearly every time it is not the first word of a sentence."""
        low = word.lower()
        seen = self.inside.get(low, 0)
        return seen >= 3 and self.capitalised.get(low, 0) >= 0.85 * seen

    def name_form(self, word: str) -> str:
        """How the corpus writes a name: "NSA", "API", "OpenAI", else capitalised."""
        low = word.lower()
        if self.upper.get(low, 0) * 2 > self.capitalised.get(low, 0):
            return low.upper()
        forms = self.mixed.get(low, {})
        if forms and sum(forms.values()) * 2 > self.capitalised.get(low, 0):
            return max(forms, key=lambda form: forms[form])
        return low[0].upper() + low[1:]

    def correct(self, word: str) -> str:
        """For a word the corpus never uses and that is no everyday English word, the word one slip away
        that is likeliest: how often the corpus uses it (an everyday English word counting as a few uses)
        times how often people make that kind of slip
        (a letter left out or two letters swapped far more often than a wrong letter typed, which is what
        turns one real word into another: "debug" is not "debut", "merz" not "mere"). A word that reads as
        another form of a known word ("suing" where the corpus writes "sued", "signers": "sign" + "ers") is
        kept unless the slip reaches a word used ``FORM_ODDS`` times as often as that word ("bloking" is no form
        of "bloke" but "blocking" mistyped). Else the word as typed."""
        low = word.lower()
        if len(low) < 3 or self.counts.get(low, 0) or not low.isalpha() or low in self.english or low in self.sites:
            return word
        form = self._form_uses(low)
        best, best_score, best_slip = word, 0.0, ""
        for candidate, slip in _edits1(low).items():
            if len(low) == 3 and slip != "insert":
                continue  # a three-letter word is mended only by the letter left out ("bak"): any other slip
                # of so short a word lands on too many words
            # a source's name counts as an everyday word does ("mnodaq" is mondaq, a site the corpus names in
            # its sources, not its text)
            uses = self.counts.get(candidate, 0) + (ENGLISH_USES if candidate in self.english
                                                    or candidate in self.sites else 0)
            score = uses * SLIP_WEIGHT[slip]
            if slip in _SURE_SLIPS and uses and len(low) >= SURE_SLIP_LETTERS and not form:
                # two letters swapped, one typed twice or one left out in a long word lands on no other real
                # word: the corpus's word is meant however rarely it writes it ("virkkuenn", a name written once)
                score = max(score, MIN_CORRECTION_SCORE)
            if score > best_score:
                best, best_score, best_slip = candidate, score, slip
        # (a key pressed twice within one word's forms, "liftted" for "lifted", or on a letter English seldom doubles,
        # "billiing", is mended whatever the odds; a letter more or less at the end may be another form, "trumps",
        # and two swapped another spelling, "apologise")
        within = best_slip == "undouble" and (terms(best)[:1] == terms(low)[:1]
                                              or _RARELY_DOUBLED.search(low) is not None)
        if best_score >= MIN_CORRECTION_SCORE and (best_score > FORM_ODDS * form or within):
            return best
        return word if form else self._two_slips_away(low) or self._clipped_name(low) or word

    def _form_uses(self, low: str) -> float:
        """How often the corpus uses the known word this one may be another form of: the words sharing its stem
        ("sued" for "suing"), or the base an ending was put on ("sign" for "signers"; an everyday English base
        counting as a few uses); 0 when it reads as no form of a known word."""
        if self._stems is None:
            stems: dict[str, int] = {}
            for known, uses in self.counts.items():
                if known.isalpha() and (found := terms(known)[:1]):
                    stems[found[0]] = stems.get(found[0], 0) + uses
            self._stems = stems
        stem = terms(low)
        by_stem = float(self._stems.get(stem[0], 0)) if stem else 0.0
        by_base = 0.0
        for ending in _ENDINGS:
            base = low[: -len(ending)]
            if low.endswith(ending) and len(base) >= 3 and base not in STOPWORDS:
                for known in (base + "e",) if _doubles_before(base, ending) else (base, base + "e"):
                    uses = self.counts.get(known, 0) + (ENGLISH_USES if known in self.english else 0)
                    by_base = max(by_base, float(uses))
        return max(by_stem, by_base)

    def _clipped_name(self, low: str) -> str | None:
        """The name a word is the clipped start of, as chat shortens names ("anthro" for Anthropic, "glasswin"):
        one the corpus names often and that no other frequent name begins the same way; else None."""
        if len(low) < CLIPPED_MIN_LETTERS:
            return None
        if self._frequent_names is None:
            self._frequent_names = sorted(w for w, uses in self.counts.items()
                                          if uses >= TWO_SLIP_MIN_USES and w.isalpha() and self.is_name(w))
        names = self._frequent_names
        found = []
        for known in names[bisect.bisect_left(names, low):]:
            if not known.startswith(low):
                break
            found.append(known)
        # (two names beginning alike, "meta" and "metadata"-like pairs, leave the word as typed)
        return found[0] if len(found) == 1 and len(low) >= CLIPPED_SHARE * len(found[0]) else None

    def _two_slips_away(self, low: str) -> str | None:
        """A long word two slips from a word the corpus uses often ("jailbrake" for "jailbreak", a letter moved):
        the most used such word, or None. Found through the words' spellings with a letter left out (built once
        from the frequent long words), so no candidate spellings are enumerated per question."""
        if len(low) < TWO_SLIP_MIN_LETTERS:
            return None
        if self._two_slip_index is None:
            index: dict[str, list[str]] = {}
            for known, uses in self.counts.items():
                if uses >= TWO_SLIP_MIN_USES and len(known) >= TWO_SLIP_MIN_LETTERS - 1 and known.isalpha():
                    for form in _with_letters_left_out(known):
                        index.setdefault(form, []).append(known)
            self._two_slip_index = index
        # sharing a spelling with a letter left out puts two words at most two slips apart; one slip was weighed
        # above (every word here is common enough to have won there); the first letter kept (a name the corpus
        # lacks is not another word: "gartner" is no "partner")
        found = {known for form in _with_letters_left_out(low) for known in self._two_slip_index.get(form, ())
                 if known[0] == low[0]}
        return max(found, key=lambda w: (self.counts[w], w)) if found else None


_RARELY_DOUBLED = re.compile(r"([aihjkquvwxy])\1")


def _doubles_before(base: str, ending: str) -> bool:
    """Whether English doubles a short word's last consonant before this ending ("tip" + "ed" is "tipped", so
    "tiped" is no form of "tip" but "tipped" mistyped): one vowel, then one consonant other than w, x or y."""
    return ending[0] in "ei" and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", base) is not None


# word endings the English vocabulary (base forms) leaves off
_ENDINGS = ("ers", "er", "ings", "ing", "ed", "es", "s", "ly")
# A word is mended two slips away only when it is long and the mended word common in the corpus: short words two
# slips apart are many ("bank" and "back" and "band"), and a rare word is as likely a different name.
TWO_SLIP_MIN_LETTERS = 7
TWO_SLIP_MIN_USES = 20
# A clipped name ("anthro") is read as the one frequent name it begins when it keeps at least this many letters and
# this share of the name's: shorter stubs begin too many words ("ant", "comm")
CLIPPED_MIN_LETTERS = 5
CLIPPED_SHARE = 0.6


def _with_letters_left_out(word: str) -> set[str]:
    """The word with none or one of its letters left out: two words sharing one of these are at most two slips
    apart ("jailbrake" and "jailbreak" both give "jailbrak"), which is all the index needs, at a size a large
    corpus's vocabulary can afford (a letter per word, not a pair)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@cache
def english_words() -> frozenset[str]:
    """Whole words of the embedding model's WordPiece vocabulary: everyday English (30k entries), shipped
    with the model, so "stuff" is never "corrected" to a corpus word like "staff"."""
    from tokenizers import Tokenizer

    from bot.corpus.embeddings import locate_model_files

    vocabulary = Tokenizer.from_file(str(locate_model_files().tokenizer)).get_vocab()
    return frozenset(w for w in vocabulary if w.isalpha() and w.islower())


# How likely each kind of slip is, relative to leaving a letter out (the commonest typing error; swapped
# letters about as common; an extra letter less; a wrong letter least, and it is what turns one real word
# into another). Named after what the corrector does to the typed word.
SLIP_WEIGHT = {"insert": 1.0, "transpose": 1.0, "undouble": 1.0, "delete": 0.5, "replace": 0.25}
MIN_CORRECTION_SCORE = 3.0  # a correction must be a word the corpus uses at least three times (weighted)
# An everyday English word counts as that many uses: "himelf" is "himself" even where no article says it
# ("crshed" is "crashed" however rarely the corpus writes it), while a wrong letter alone (0.25) still
# needs the corpus's own evidence.
ENGLISH_USES = 3
_SURE_SLIPS = ("transpose", "undouble", "insert")
SURE_SLIP_LETTERS = 7  # from this length such a slip is read as the one word it reaches however rare
# How many times as often as the known word a typed word may be a form of ("sued" for "suing") a slip must reach
# for the typed word to be read as that slip: measured on slips put into the development questions' words (see
# the README), against the same words as typed
FORM_ODDS = 10.0


def _edits1(word: str) -> dict[str, str]:
    """Every string one slip away from ``word``, with the kind of slip (the likeliest kind when several
    lead to the same string)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found: dict[str, str] = {}
    for kind, made in (
        # a wrong first letter is the rarest slip of all and what makes a name another word ("gartner" is
        # not "partner"): never read as one
        ("replace", [a + c + b[1:] for a, b in splits if a and b for c in _LETTERS]),
        # an extra letter typed before the word's first is as rare ("hstory" is no "story" but "history")
        ("delete", [a + b[1:] for a, b in splits if a and b]),
        ("undouble", [a + b[1:] for a, b in splits if len(b) > 1 and b[0] == b[1]]),  # a key pressed twice
        ("transpose", [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]),
        ("insert", [a + c + b for a, b in splits for c in _LETTERS]),
    ):
        for text in made:
            found[text] = kind  # later kinds are likelier and overwrite
    return found


def _undoubled(word: str) -> list[str]:
    """The word with one of its doubled letters typed once."""
    return [word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1] and word[i].isalpha()]


def _transposed(word: str) -> list[str]:
    """The word with two neighbouring letters swapped back, for a word of four letters or more (a shorter one
    swapped lands on too many shorthands)."""
    if len(word) < 4:
        return []
    return [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]


def _collapse(word: str, known: Callable[[str], bool]) -> str:
    """"soooo" → "so", "reallly" → "really": letters typed three or more times, to two or one."""
    if not _ELONGATED.search(word):
        return word
    twice = _ELONGATED.sub(r"\1\1", word)
    if known(twice):
        return twice
    once = _ELONGATED.sub(r"\1", word)
    return once if known(once) or not known(twice) else twice


_NAME_V_NUMBER = re.compile(r"\b([A-Za-z]{2,})\s+[vV](\d+(?:\.\d+)*)\b")
_SHOUTED = re.compile(r"[^a-z]*")  # no lowercase letter at all
MIN_SHOUTED_LETTERS = 8  # "WHO SUED?" is shouted; "GPT-5.6?" or "EU AI ACT" is names
_QUOTED = re.compile(r'"\s+([^"]*?)\s+"')
# a day typed as numbers after a word that introduces a date ("on 6/12", "since 6/26"), or with its year ("6/12/26");
# month first as the story's American sources write it, day first when the first number cannot be a month ("26/6")
_NUMERIC_DATE = re.compile(r"\b(?:(?P<word>on|since|until|till|by|before|after|from|between|and|to|of)\s+)?"
                           r"(?<![\d/.,$])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?P<year>/(?:20)?\d{2})?(?![/\d%])",
                           re.IGNORECASE)


def _spelled_date(match: re.Match[str]) -> str:
    """ "on 6/26" as reporting writes it: "on June 26"; unchanged when no word or year says it is a day, or it
    is no day of the year ("1/3 of users", "24/7")."""
    month, day = int(match.group("a")), int(match.group("b"))
    if month > 12 >= day:
        month, day = day, month
    if not (match.group("word") or match.group("year")) or not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    word = f"{match.group('word')} " if match.group("word") else ""
    return f"{word}{MONTHS.split('|')[month - 1]} {day}"


_DEPARTMENT = r"(?:commerce|treasury|state|defen[cs]e|war|energy|labor|homeland security|transportation)"
# "max" typed in lower case is "maximum" ("whats the max output"), unless it names the Max plan ("max plan users",
# "pro and max", "max 20x"), which reporting writes capitalised
_MAX_TYPED = re.compile(r"(?<![/&+])\bmax\b(?!\s*(?:[,/&+]|\d|and\b|or\b|plans?\b|tiers?\b|subscri\w*|users?\b|"
                        r"members?\b|customers?\b|accounts?\b|seats?\b))")
_NATIONAL_SECURITY = re.compile(r"\bnat(?:['’]?l)?\.?\s?sec\b\.?", re.IGNORECASE)  # "the nat sec reason", "natsec"
_SECRETARY = re.compile(rf"\b({_DEPARTMENT} )secs?\b\.?|\bsecs?\b\.?(?= of (?:the )?{_DEPARTMENT}\b)", re.IGNORECASE)


# an acronym typed in lower case: a few letters and no vowel ("nhs", "ftc"); chat's own ones are ABBREVIATIONS
_ACRONYM_TYPED = re.compile(r"[b-df-hj-np-tv-xz]{3,5}")  # ("y" is a vowel in "spy")
# words and time zones without a vowel ("at 5 pm pdt": a clock's zone, no name the reporting must state)
_VOWELLESS_WORDS = frozenset("nth hmm hmmm shh brr grr tsk pfft psst zzz pdt pst cdt cst mdt mst bst gmt".split())


def _typed_acronym(word: str, vocabulary: Vocabulary) -> bool:
    """A lower-case word of a few letters and no vowel that the corpus never uses: an acronym ("how many bugs did
    mythos find in the nhs"), so a name the question gives, which the reporting must state. (The English word list
    holds acronyms in lower case, "nhs" among them, so it cannot tell them from words.)"""
    return bool(_ACRONYM_TYPED.fullmatch(word)) and not vocabulary.count(word) and word not in ABBREVIATIONS \
        and word not in _VOWELLESS_WORDS


def normalise(question: str, vocabulary: Vocabulary | None = None) -> str:
    """The question as a careful writer would have typed it (see the module docstring)."""
    text = question.replace("’", "'").replace("‘", "'")
    if _SHOUTED.fullmatch(text) and sum(c.isalpha() for c in text) >= MIN_SHOUTED_LETTERS:
        text = text.lower()  # "WHEN DID FABLE COME BACK": no word of it is a name for being in capitals
    text = _NUMERIC_DATE.sub(_spelled_date, text)
    if vocabulary is not None:  # "fable v5": the corpus writes the name's version as a bare number ("Fable 5")
        text = _NAME_V_NUMBER.sub(lambda m: f"{m.group(1)} {m.group(2)}" if vocabulary.takes_number(m.group(1))
                                  else m.group(0), text)
    text = _SECRETARY.sub(lambda m: f"{m.group(1) or ''}secretary", text)  # "the commerce sec"; the SEC stays
    text = _MAX_TYPED.sub("maximum", text)
    text = _NATIONAL_SECURITY.sub("national security", text)
    text = FILLER_PHRASES.sub(" ", _BOT_NAMED.sub(" ", text))
    text = _without_opinion(OPENING_INTERJECTIONS.sub(r"\1", text.strip()))
    text = TAG_QUESTION.sub(_drop_tag, text)
    text = _AND_SIGN.sub("and", text)  # "amazon & the govt", "india + llms"; "R&D" stays
    known: Callable[[str], bool] = (lambda w: vocabulary.count(w) > 0) if vocabulary else (lambda _w: False)
    out: list[str] = []
    tokens = _WORD.findall(text)
    for i, token in enumerate(tokens):
        low = token.lower()
        if low not in ABBREVIATIONS and not (vocabulary is not None and (known(low) or low in vocabulary.english)):
            # "whhats": a key pressed twice; "whtas": two letters swapped
            low = next((w for w in (*_undoubled(low), *_transposed(low)) if w in ABBREVIATIONS), low)
        if low in _NOT_AFTER and out and out[-1].lower() in _NOT_AFTER[low]:
            out.append(token)  # "why does r street think": after "does", "r" is a name's letter, not "are"
            continue
        if low in ABBREVIATIONS:
            replacement = ABBREVIATIONS[low]
            if replacement:
                out.append(replacement)
            continue
        if low.endswith("'s") and ABBREVIATIONS.get(low[:-2], "").isalpha():
            out.append(ABBREVIATIONS[low[:-2]] + "'s")  # "the govt's position": the government's
            continue
        if low.endswith("s") and len(low) > 3 and ABBREVIATIONS.get(low[:-1], "").isalpha():
            plural = ABBREVIATIONS[low[:-1]] + "s"  # "govts", "depts"; "wats" is "whats", itself short
            out.append(ABBREVIATIONS.get(plural) or plural)
            continue
        if token in _DIGIT_WORDS and vocabulary is not None and _stands_for_word(tokens, i, vocabulary):
            out.append(_DIGIT_WORDS[token])
            continue
        if vocabulary is not None and _VERSION_S.fullmatch(token) and out and vocabulary.takes_number(out[-1]):
            out.append(f"{token[:-1]}'s")  # "fable 5s weights": the version's, not a plural or a decade
            continue
        if not token[0].isalpha():
            day = _DAY_ORDINAL.fullmatch(token)  # "the 12th or the 13th": reporting writes "June 12"
            out.append(day.group(1) if day else token)
            continue
        glued = GLUED_VERSION.fullmatch(token)
        if vocabulary is not None and glued and len(glued.group(1)) > 1 and not known(token) \
                and known(glued.group(1)):
            out.append(f"{vocabulary.name_form(glued.group(1))}-{glued.group(2)}")  # "gpt5" as written: "GPT-5"
            continue
        numbered = _NAME_AND_NUMBER.fullmatch(token)
        if vocabulary is not None and numbered and vocabulary.takes_number(numbered.group(1)) \
                and vocabulary.is_name(numbered.group(1)):
            out.append(f"{vocabulary.name_form(numbered.group(1))} {numbered.group(2)}")  # "mythos5": "Mythos 5"
            continue
        if vocabulary is not None and i + 1 < len(tokens) and tokens[i + 1].isdigit() and \
                (model := vocabulary.story_name_meant(token)) is not None:
            out.append(model)  # "mythical 5", "fabel 5": the story's model, mistyped before its version
            continue
        word = _collapse(token, known) if vocabulary else _ELONGATED.sub(r"\1\1", token)
        if vocabulary is not None:
            stem, apostrophe, ending = word.partition("'")
            if not apostrophe:
                stem = vocabulary.spelled_out(stem) or vocabulary.correct(stem)
                if stem.endswith("s") and len(stem) > 4 and not vocabulary.count(stem) \
                        and stem not in vocabulary.english:
                    base = vocabulary.correct(stem[:-1])
                    if base != stem[:-1] and vocabulary.is_name(base):  # "lunticks letter": Lutnick's, mistyped
                        stem, apostrophe, ending = vocabulary.name_form(base), "'", "s"
            if stem.islower() and vocabulary.is_name(stem):
                stem = vocabulary.name_form(stem)
            elif _typed_acronym(stem, vocabulary):
                stem = stem.upper()  # "in the nhs": an acronym written in lower case, a name the corpus never uses
            elif not apostrophe and _possessive_typed_bare(stem, vocabulary):
                stem, apostrophe, ending = vocabulary.name_form(stem[:-1]), "'", "s"  # "chinas" → "China's"
            word = stem + apostrophe + ending
        out.append(word)
    joined = " ".join(out)
    for idiom, plain in IDIOMS:
        joined = idiom.sub(plain, joined)
    joined = _GUESS.sub("", joined)
    joined = _ONE_FOR_NOUN.sub(lambda m: m.group(0)[: m.start("one") - m.start()] + m.group("noun"), joined)
    joined = _offline_for_dead(joined, vocabulary)
    joined = re.sub(r"\s+([?!.,;:)])", r"\1", joined)
    joined = _QUOTED.sub(r'"\1"', joined).replace("“ ", "“").replace(" ”", "”")  # '" is informed "': '"is informed"'
    joined = re.sub(r"([?!.])\1+", r"\1", joined)
    joined = re.sub(r"\(\s+", "(", joined)
    return " ".join(joined.split()).strip(" ,;:-") or question.strip()


# "the june 2 order and the june 12 one", "the first letter or the second one": the "one" is the thing named before
# it, which retrieval and the answer need spelled out (asked so, the difference between two orders had read as
# another subject)
_ONE_FOR_NOUN = re.compile(r"\b(?:the|a|an)\s+(?:[\w.$%-]+\s+){1,3}(?P<noun>[a-z]{3,})\s+(?:and|or|vs\.?|"
                           r"versus)\s+(?:the|a|an)\s+(?:[\w.$%-]+\s+){1,2}?(?P<one>one)\b", re.IGNORECASE)


def _possessive_typed_bare(word: str, vocabulary: Vocabulary) -> bool:
    """"chinas response", "anthropics ceo": a name with an "s" and no apostrophe, a form the corpus writes for
    under one in a hundred of the name's uses (a slip of its own; "americans" it writes often: a plural)."""
    return (len(word) > 3 and word.islower() and word.endswith("s") and word not in vocabulary.english
            and vocabulary.is_name(word[:-1]) and vocabulary.count(word) * 100 < vocabulary.count(word[:-1]))


_DEAD = re.compile(r"\bdead\b", re.IGNORECASE)
_PART_END = re.compile(r"[?.!]")


def _offline_for_dead(text: str, vocabulary: Vocabulary | None) -> str:
    """A model "dead" is offline ("is fable back or still dead"): said of a model (a name the corpus writes with a
    version, or "model") earlier in the same question; a lawsuit or a deal "dead" is something else."""
    def said_of_a_model(match: re.Match[str]) -> str:
        start = max((m.end() for m in _PART_END.finditer(text, 0, match.start())), default=0)
        words = re.findall(r"[A-Za-z]+", text[start : match.start()])
        if any(w.lower() in {"model", "models"} or (vocabulary is not None and vocabulary.takes_number(w))
               for w in words):
            return "offline"
        return match.group()
    return _DEAD.sub(said_of_a_model, text)


def _stands_for_word(tokens: Sequence[str], i: int, vocabulary: Vocabulary) -> bool:
    """Whether "2" or "4" after a word is "to" or "for": the word before never takes a number in the corpus
    ("fable 5", "the 2 models", "about 4" do) and the word after counts nothing ("2 days"; "4 this" counts
    nothing for ending in "s", nor does "2 slow-roll" for its hyphen); at the end of the message ("what would
    they even use ai 4?") the word before alone decides."""
    if i == 0:
        return False
    before = tokens[i - 1]
    after = tokens[i + 1] if i + 1 < len(tokens) else "?"
    if not before.isalpha() or before.lower() in STOP_BEFORE_COUNT or vocabulary.takes_number(before):
        return False
    if after in _MESSAGE_END:
        return True
    return after.replace("-", "").isalpha() and (after.lower() in STOPWORDS or not _COUNTED.fullmatch(after))


_MESSAGE_END = frozenset({"?", "!", "."})


# Words that come before a count ("the 2", "only 4", "in 2 days"), whatever the corpus writes.
STOP_BEFORE_COUNT = frozenset({
    "the", "a", "an", "last", "first", "next", "only", "top", "these", "those", "all", "about", "around", "over",
    "under", "than", "nearly", "of", "at", "by", "in", "on", "to", "from", "between", "and", "or", "every", "per",
    "just", "like", "within", "after", "before", "for", "with", "its", "their", "his", "her", "our", "your", "my",
    "version", "v", "gpt", "page", "section", "step", "day", "week", "phase", "tier", "number", "no",
})


# A remark about the asker after the question ("i keep seeing diff dates", "my team uses it"): context
# for a person, noise for retrieval (its words are in no article), so it is not part of what is asked.
_ASIDE = re.compile(r"^(?:i|i'm|i've|i'd|i'll|me|my|we|we're|we've|our|lol|haha)\b", re.IGNORECASE)
# The asker's own guess after the question ("whos dean ball, some openai guy or an academic?") or a
# tag ("or nah", also before an aside in brackets): the reporting answers the question, not the guess. A
# guess with a number in it ("how much tho, $4b or $8b?") names the values in dispute and stays, and so do words in
# quotation marks (what the asker read, which the reporting holds).
_GUESS = re.compile(r"\s*,\s*(?:some|maybe|like|probably|possibly|i think|i guess|i assume|or was it|or is it)\b"
                    r"(?![^?\d]*\b(?:what|how|which|who|whom|when|where|why)\b)"  # ", like what % of it": the question
                    r"(?![^?\d]*\s['\"‘“])"  # ", like 'most capable ___ model'?": words read, to be found
                    r"[^?\d]*(?=\??$)|\s*,?\s+or (?:nah|nahh|not|what)(?=\s*(?:\([^()]*\))?\s*\??$)", re.IGNORECASE)


# A later part's opening word that only joins it to the one before.
_CONNECTOR = re.compile(r"^(?:and also|also|plus|then)\s+", re.IGNORECASE)


# a numbered list of questions in one message ("1) who found it 2) what was it", "(1) … (2) …", "1. … 2. …"): the
# markers, where a 1 and a 2 both stand apart from the words around them
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))\(?([1-9])[).](?=\s)")


def _enumerated(question: str) -> str:
    """A numbered list of questions with each item ended as a question ends ("? "), so it splits like one;
    a lead-in that asks nothing ("ok so") is dropped. Left as it is without items 1 and 2."""
    markers = list(_ENUMERATOR.finditer(question))
    numbers = [m.group(1) for m in markers]
    if "1" not in numbers or "2" not in numbers or numbers.index("1") > numbers.index("2"):
        return question
    listed = markers[numbers.index("1"):]
    lead_in = question[: listed[0].start()].strip(" ,;:—–")
    asks = bool(lead_in) and (bool(_QUESTION_WORD.search(lead_in)) or lead_in.endswith("?"))
    items = [question[m.end() : n.start() if n is not None else len(question)].strip(" ,;")
             for m, n in zip(listed, [*listed[1:], None], strict=True)]
    items = [item if item.endswith(("?", ".", "!")) else f"{item}?" for item in items if item]
    return " ".join(([lead_in if lead_in.endswith(("?", ".", "!")) else f"{lead_in}?"] if asks else []) + items)


# a question word on its own after a question ("…and why?", "…and when"): that question's why or when
_LONE_ASKS = frozenset({"why", "when", "how", "where", "who"})
_LEADING_ASK = re.compile(r"^\W*(?:who|whom|what|when|where|which|why|how)(?:['’]s)?\b\s*", re.IGNORECASE)


def split_parts(question: str) -> list[str]:
    """Several questions in one message, each as its own part (a numbered list's items too); a fragment without
    a question of its own ("short version") stays with the part before it, and a remark about the asker is left
    out."""
    question = _enumerated(question)
    pieces = [p.strip(" ,;—–") for p in _PART_BREAK.split(question) if p and p.strip(" ,;—–")]
    parts: list[str] = []
    for piece in pieces:
        if parts:
            piece = _CONNECTOR.sub("", piece) or piece  # "plus how long…", "also which labs…"
        words = re.findall(r"[A-Za-z0-9]+", piece)
        asks = piece.endswith("?") or bool(_ASKING_WORD.search(piece)) or (
            bool(_QUESTION_WORD.search(piece)) and not _about_the_reporting(piece))
        if parts and not asks and _ASIDE.match(piece):
            continue
        if parts and len(words) == 1 and words[0].lower() in _LONE_ASKS:
            # "who ordered the ban and why": why of what the part before asks about, as a part of its own
            topic = _LEADING_ASK.sub("", parts[-1]).strip(" ?")
            if terms(topic):  # ("what happened and when": the story's days, asked with what happened)
                parts.append(f"{words[0].lower()} {topic}?")  # its own words, not a thread's carried topic
                continue
        if parts and (len(words) < 3 or not asks):
            parts[-1] = f"{parts[-1]} {piece}"
        elif parts and _CHECKS_BACK.search(piece) and not (_QUESTION_WORD.match(parts[-1].lstrip(" \"'“‘("))
                                                            or parts[-1].endswith("?")):
            # "one timeline says the order came june 15. thats not the usual date right?": what was read, then
            # whether it holds; one question
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return [_shared_verb(part, parts[i + 1]) if i + 1 < len(parts) else part for i, part in enumerate(parts)] or [
        question]


# "which regulation and which statute did commerce cite?": a bare "which X" shares the verb of the part after it
_BARE_WHICH = re.compile(r"^\W*(?:which|what)\s+(?:[\w'’-]+\s*){1,3}\??$", re.IGNORECASE)
_AUXILIARY = r"did|does|do|is|was|are|were|has|have|had|will|would|can|could"
_AUXILIARY_WORD = re.compile(rf"\b(?:{_AUXILIARY})\b", re.IGNORECASE)
_WHICH_WITH_VERB = re.compile(rf"^\W*(?:which|what)\s+(?:[\w'’-]+\s+){{1,3}}?((?:{_AUXILIARY})\b.*)$", re.IGNORECASE)


def _shared_verb(part: str, following: str) -> str:
    """A bare "which X" part with the verb and the rest of the "which Y …" part after it ("which regulation did
    commerce cite?"); any other part as it is."""
    if not _BARE_WHICH.match(part) or _AUXILIARY_WORD.search(part):
        return part
    rest = _WHICH_WITH_VERB.match(following)
    return f"{part.rstrip(' ?')} {rest.group(1)}" if rest else part


# a question whether what the asker just said holds ("is that right?", "thats not the usual date right?", "was it
# really those models?")
_CHECKS_BACK = re.compile(r"^\W*(?:(?:and|so|but|ok|okay)\s+)?(?:(?:is|was|isn'?t|wasn'?t|are|were)\s+)?"
                          r"(?:that|thats|that's|this|it|those|these)\b|\b(?:right|true|correct|legit|accurate)\W*$",
                          re.IGNORECASE)


def _name_spans(text: str, is_name: Callable[[str], bool]) -> tuple[list[str], list[tuple[str, int, int]]]:
    """The text's tokens, and its names and numbered names ("Fable 5", "Legion", "GPT-6") in order, each with
    the token positions it spans. A name goes on over the next capitalised word or number only across a space
    ("Wired, Tom Brown" is two names; "June 12, 2026" a date and a year)."""
    found: list[tuple[str, int, int]] = []
    matches = list(re.finditer(r"[A-Za-z][\w.\-]*|\d[\w.]*", text))
    tokens = [m.group() for m in matches]

    def ends_sentence(token: str) -> bool:
        return token.endswith(".") and "." not in token[:-1]  # a full stop, not "U.S."

    i = 0
    while i < len(tokens):
        token, first = tokens[i], i
        # a capital opening a quotation opens its sentence ("Trump said, “Well, not now…”"): no name by that alone
        opens_quote = i > 0 and text[matches[i - 1].end():matches[i].start()].rstrip().endswith(("“", '"', "‘"))
        if (token[0].isupper() and i > 0 and not opens_quote) or is_name(token) or \
                any(ch.isdigit() for ch in token[1:]):
            phrase = [token]
            while (i + 1 < len(tokens) and (tokens[i + 1][0].isdigit() or tokens[i + 1][0].isupper())
                   and not text[matches[i].end():matches[i + 1].start()].strip() and not ends_sentence(tokens[i])):
                i += 1
                phrase.append(tokens[i])
            if ends_sentence(phrase[-1]):
                phrase[-1] = phrase[-1][:-1]
            found.append((" ".join(phrase), first, i))
        i += 1
    return tokens, found


def _names(text: str, is_name: Callable[[str], bool]) -> list[str]:
    """Names and numbered names in a text ("Fable 5", "Legion", "GPT-6"), in order."""
    return [name for name, _, _ in _name_spans(text, is_name)[1]]


def _spoken_of(noun: str, texts: Sequence[str]) -> bool:
    """Whether a thread's texts spoke of what "the <noun>" names (by the noun or a word for the same thing)."""
    said = {t for text in texts for t in terms(text)}
    return bool(said & set(terms(_SPOKEN_AS.get(noun.lower(), noun))))


# One earlier exchange of a thread: the question, and the lead of the answer it got (when known).
Turn = tuple[str, str | None]
_POINTS_AT_ANSWER = re.compile(r"\b(?:he|him|his|she|her|they|them|their|that|this|those|these)\b", re.IGNORECASE)
_PERSON_WORDS = "he|him|his|she|her|hers"
_PERSON_PRONOUN = re.compile(rf"\b(?:{_PERSON_WORDS})\b", re.IGNORECASE)
# A pronoun for a party the question opens with ("how much did they put into anthropic", "what did she conclude
# about the amazon report"): only question words and auxiliaries before it, so it means someone the thread spoke
# of, whatever the question names after it ("did anthropic say when they'd…", "what error did developers get
# when they…" are bound by the words before it).
_PARTY_PRONOUN = re.compile(rf"\b(?:{_PERSON_WORDS}|they|them|their)\b", re.IGNORECASE)
# (and the chat words before a question's subject: "wait was that…", "ok did they…")
_OPENING_WORDS = STOPWORDS | frozenset(
    "whats hows whos whens wheres long could dont didnt doesnt wasnt werent isnt arent havent hasnt hadnt cant "
    "wont wouldnt couldnt wait hold so ok okay and but hmm lol".split())


# "was that before or after fable dropped?", "is this the same as the uk carve-out": the thing the thread spoke of is
# the question's subject, whatever else it names ("it" is not: "was it june 12 or 13 when commerce acted?" asks
# about Commerce)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this)\b", re.IGNORECASE)
# "that" or "this" standing for a thing, not before one or a clause: "is anthropic gonna fix that or is it permanent?"
_DEMONSTRATIVE_THING = re.compile(r"\b(?:that|this)\s*(?:[?.!,;]|$|\b(?:or|and|but|tho|though|too|again|anymore|yet|"
                                  r"now|lol|permanently|at all)\b)", re.IGNORECASE)


def _opens_with(pronoun: re.Pattern[str], question: str) -> bool:
    """Whether the question opens with ``pronoun``: only question words and auxiliaries before it."""
    match = pronoun.search(question)
    before = question[:match.start()].lower().replace("'", "").replace("’", "") if match else ""
    return match is not None and all(word in _OPENING_WORDS for word in re.findall(r"[a-z]+", before))


# "who is Katie Moussouris?": the answer is about the one asked about, whom "she" then means.
_ASKS_ABOUT = re.compile(r"^\W*who\s+(?:is|was|are|were|'s)\b", re.IGNORECASE)
# A question whose answer names someone or something a pronoun can then mean ("who signed it?" → "his job").
ASKS_WHO = re.compile(r"^\W*(?:(?:and|so|ok|okay|but)\s+)?(?:who|whom|whose|which)\b", re.IGNORECASE)

# "all this" is the whole story ("who's Sarah Heck in all this?"), not something said earlier.
_ALL_THIS = re.compile(r"\ball (?:this|that)\b", re.IGNORECASE)
# A possessive bound inside the question by what it asks about ("which labs let caisi see their models",
# "who lost their access"): it points at the asked subject, not back at the thread.
_BOUND_POSSESSIVE = re.compile(r"(\b(?:which\s+[a-z]+|who)\b[^?]*?)\b(?:their|its|his|her)\b", re.IGNORECASE)
# "the first one", "the second one", "the latter": one of the things the thread named, by its place.
_ORDINAL = re.compile(r"\bthe\s+(?:(first|second|third|last|1st|2nd|3rd)\s+one|(former|latter))\b", re.IGNORECASE)
_PLACES = {"first": 0, "1st": 0, "former": 0, "second": 1, "2nd": 1, "latter": -1, "last": -1, "third": 2, "3rd": 2}
# "and Opus 4.8 on it?", "same for Mythos?": the previous question again, about another named thing.
_ELLIPSIS = re.compile(
    r"^\s*(?:and|also|ok and|okay and|same for|same with|same question for|now)\s+(?P<subject>.+?)"
    r"(?:\s+(?:on|for|with|about|in|at)\s+(?:it|that|this|them|(?:the\s+)?same(?:\s+[\w-]+)?|(?:that|this)\s+[\w-]+))?"
    r"\s*(?:too|as well|then|though|tho)?\s*\??\s*$",
    re.IGNORECASE)
# A question that says it is changing the subject ("ok diff question, …", "unrelated but …").
NEW_TOPIC = re.compile(
    r"^\s*(?:(?:ok|okay|so|also|and|hey)\s*,?\s+)?(?:(?:(?:diff|different|unrelated|off[- ]topic)\s+(?:question|q|qn|"
    r"topic|subject))|unrelated|off[- ]topic|on (?:an)?other note|changing (?:the )?(?:subject|topic)|new topic|"
    r"change of (?:subject|topic))\b(?:\s*(?:but|though|tho|q|question))?\s*[,:;.!\-–—]*\s*", re.IGNORECASE)


def _by_place(question: str, named: Sequence[str]) -> str:
    """"who could use the second one?" after a question naming Fable 5 and Mythos 5: "who could use Mythos 5?"."""
    match = _ORDINAL.search(question)
    if not match or len(named) < 2:
        return question
    place = _PLACES[(match.group(1) or match.group(2)).lower()]
    if place >= len(named):
        return question
    return question[:match.start()] + named[place] + question[match.end():]


_CALENDAR_WORD = re.compile(rf"^(?:{MONTHS}|{WEEKDAYS})\b")
_ASKED_WORD = re.compile(r"[a-z]{3,}")
# words that ask nothing of their own: the term index's stopwords and two it keeps
_ASKED_STOPWORDS = STOPWORDS | frozenset({"could", "still"})
# the verb a who-question asks with ("who flagged the jailbreak to the government?"): the one who did it is named
# next to it, not next to the government it was flagged to
_WHO_VERB = re.compile(r"^\W*(?:(?:and|so|ok|okay|but)\s+)?who\s+([a-z]{3,})\b", re.IGNORECASE)


# The last word of an institution's name: "he" or "she" is not the White House or the Commerce Department.
_INSTITUTION = re.compile(
    r"(?:House|Department|Office|Commission|Bureau|Agency|Administration|Council|Committee|Court|Senate|Congress|"
    r"Ministry|Institute|University|Group|Labs?|Inc|Corp|Company|Post|Times|News|Journal|Street|Index|Program|"
    r"Regulations?|Rules?|Act|Law|Order|Directive|Commerce|Security)\.?",
    re.IGNORECASE)
_TITLE_WORD = re.compile(r"[A-Z][a-z]{2,}")


def names_person(name: str) -> bool:
    """Whether a name as written is a person's ("Commerce Secretary Howard Lutnick", "Trump"), not a body's ("the
    Commerce Department", "Bureau of Industry and Security", "BIS"): its last word a capitalised word that ends no
    institution's name."""
    words = name.split()
    return bool(words) and bool(_TITLE_WORD.fullmatch(words[-1])) and not _INSTITUTION.fullmatch(words[-1])


ANSWERED_NAME_DISTANCE = 8  # words from a word the who-question asked with to the name that answers it


def _person_answered(answered: str, previous: str, question: str, is_name: Callable[[str], bool]) -> list[str]:
    """The names (not dates or times) the answer to a who-question gave that neither question names (by last word:
    "South Korean" is the "Korean" asked about). When the answer uses the question's verb, the ones named as doing
    it, nearest first ("Amazon's team flagged a jailbreak to the White House": Amazon; "the order, signed by Howard
    Lutnick"; a one-word name only for "they"); otherwise the full names nearest to the words the question asked
    with: the answer to "who ordered the ban?" says "the order, signed by …", so "his" is Lutnick, not "June 12".
    Asked with "he" or "she", an institution's name is not one."""
    person = bool(_PERSON_PRONOUN.search(question))
    tokens, spans = _name_spans(answered, is_name)
    lowered = [t.lower() for t in tokens]
    # by stem: the answer to "who ordered the ban?" says "the order, signed by …"
    asked = {stem(w) for w in set(_ASKED_WORD.findall(previous.lower())) - _ASKED_STOPWORDS}
    said = set(re.findall(r"[a-z0-9]+", f"{previous} {question}".lower()))
    names = [(order, name, first, last) for order, (name, first, last) in enumerate(spans) if not (
        (first == last and person) or not (words := re.findall(r"[a-z]+", name.lower())) or words[-1] in said
        or name[0].isdigit() or name[-1].isdigit()
        or _CALENDAR_WORD.match(name)  # "Mythos 5" is a model, not a party who did or said something
        or (person and _INSTITUTION.fullmatch(name.split()[-1]))
        or (first > 0 and lowered[first - 1] in ("a", "an")))]  # "a San Jose startup": it describes
    verb = _WHO_VERB.match(previous)
    acts = [i for i, w in enumerate(lowered) if verb and verb.group(1).lower() not in _ASKED_STOPWORDS
            and stem(w) == stem(verb.group(1).lower())]
    # who did what was asked is named before the verb ("Amazon's security team flagged a jailbreak to the White
    # House") or after "by" ("the order, signed by Howard Lutnick"), not where the act went
    doers = sorted((min(abs(i - (last if first < i else first)) for i in acts), order, name)
                   for order, name, first, last in names
                   if any(last < i or (first > i and "by" in lowered[max(i, first - 2) : first]) for i in acts))
    found = [(d, order, name) for d, order, name in doers if d <= ANSWERED_NAME_DISTANCE]
    if not found:  # no one named as doing it: the full name nearest any word asked with
        for order, name, first, last in names:
            if first == last:
                continue
            near = [abs(i - (first if i < first else last)) for i, w in enumerate(lowered)
                    if stem(w) in asked and not first <= i <= last]
            found.append((min(near, default=len(tokens)), order, name))
    # a name far from every word asked with is not who did it ("A San Jose startup sued … twelve days after the
    # Commerce Department directive": the answer named no party; the thread's question is carried instead)
    return [name for distance, _, name in sorted(found) if distance <= ANSWERED_NAME_DISTANCE]


def _asks_about_named(question: str, is_name: Callable[[str], bool], answered: str | None = None) -> bool:
    """"who is Katie Moussouris?": asked about someone it names, not described ("who is Anthropic's
    international chief?"); a name typed in lowercase that the corpus rarely uses counts when the answer
    (``answered``) writes it as one ("who is jeffrey kessler?" answered "…BIS Undersecretary Jeffrey Kessler")."""
    about = _ASKS_ABOUT.match(question)
    if not about:
        return False
    written = set(re.findall(r"\b[A-Z][\w'’-]*", answered or ""))
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[A-Za-z][\w'’.-]*", question[about.end():])]
    return bool(words) and all(w[0].isupper() or is_name(w) or w[:1].upper() + w[1:] in written for w in words)


def _place_word(previous: str, subject: str) -> re.Match[str] | None:
    """The word naming a country or region (or its people) in the earlier question, when the subject asked about
    instead is one too: none when either is not a place or they are the same place."""
    places = place_terms()
    wanted = terms(subject)
    if not wanted or not all(t in places for t in wanted):
        return None
    for match in re.finditer(r"[A-Za-z]+", previous):
        found = terms(match.group())
        if found and all(t in places for t in found) and not set(found) & set(wanted):
            return match
    return None


_PEOPLE_ENDING = re.compile(r"(?:ese|ish|ian|ean|ch|i)$", re.IGNORECASE)


def _as_people_word(place: str, replaced: str) -> str:
    """A place asked about instead of a people's word ("indian") as its own people's word, the first of the usual
    endings that makes an everyday English word ("japan" → "japanese"); else the place as asked."""
    if " " in place or not _PEOPLE_ENDING.search(replaced):
        return place
    low = place.lower()
    english = english_words()
    return next((w for w in (low + "ese", low + "ian", low[:-1] + "ian", low + "n", low + "ean", low + "ish")
                 if w in english), place)


# a follow-up that is only a question word ("when?", "since when??", "why tho", "how long exactly?"): it asks that of
# the previous question, all of it, not of its names alone
_BARE_QUESTION = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:(?:since|until|till|for|from)\s+)?"
                            r"(?:when|why|where|how long|how much|how many|how come|how so|what for)"
                            r"(?:\W+(?:tho|though|exactly|then|again))?\W*$", re.IGNORECASE)


def resolve_followup(question: str, earlier: Sequence[str], is_name: Callable[[str], bool],
                     answered: str | None = None, site_named: Callable[[str], str | None] | None = None,
                     same_message: bool = False) -> str:
    """A question read with the thread's earlier (already resolved) questions.

    - "what about X?" (or "and X on it?", "same for X?") asks the previous question again about X: the
      previous question's name is replaced by X ("when did Fable come back?" + "what about Mythos?"
      → "when did Mythos come back?");
    - "the second one" is the second thing the previous question named;
    - a question that refers back ("when did it come back?", "and in which court?") or names nothing
      of its own gets the previous question's names added, and when it points at what was answered
      ("what's his job?" after "who signed the order?") the names the previous answer (``answered``,
      its lead) gave: for "he" or "she" after a who-question, the person it named; a later part of the same
      message (``same_message``) that names nothing of its own goes on with the part before it;
    - any other question stands on its own: a new topic is not mixed with the old one.
    """
    if not earlier:
        return question
    previous = earlier[-1]
    before = _names(previous, is_name)
    question = _by_place(question, before)
    own = _names(question, is_name)
    about = _WHAT_ABOUT.match(question)
    ellipsis = _ELLIPSIS.match(question) if own and not _QUESTION_WORD.search(question) else None
    if ellipsis and ellipsis.group("subject") in own:
        subject = ellipsis.group("subject")
    elif about:
        pieces = re.split(r"\s*(?:[,;:—–]|\s-\s)\s*", about.group(1), maxsplit=1)
        subject, rest = pieces[0], pieces[1] if len(pieces) > 1 else ""
        if len(re.findall(r"[A-Za-z]{2,}", rest)) >= 2:  # "what about Korea, any deal with them?": its own question
            return f"{rest.rstrip(' ?')} ({subject})?"
        if not before:
            subject = ""
    else:
        subject = ""
    if subject and (place := _place_word(previous, subject)) is not None:
        # "what about japan?" after "which indian company was anthropic partnering with?": the place for the place,
        # its people's word for a people's word ("which japanese company…")
        return previous[:place.start()] + _as_people_word(subject, place.group()) + previous[place.end():]
    if subject and before:
        replaced = previous.replace(max(before, key=len), subject, 1)
        return replaced if replaced != previous else f"{previous.rstrip('?')} ({subject})?"
    site = site_named(previous) if site_named is not None else None
    if site and site.lower() not in question.lower() and _SOURCE_SAYS.search(question):
        # "how did eyeon.ai characterise the letter, and what did it say commerce's answer could lead to?": "it" is
        # the site, whatever else the question names
        return f"{question.rstrip(' ?')} ({site})?"
    if _BARE_QUESTION.match(question):  # "since when?" after "is fable back?": since when it is back
        return f"{question.rstrip(' ?')} ({_topic_of(previous)})?"
    unbound = _BOUND_POSSESSIVE.sub(r"\1", _ALL_THIS.sub("", question))
    refers_back = bool(_ANAPHORA.search(unbound)) or bool(_CONTINUES.match(question)) or any(
        _spoken_of(m.group(1), [*earlier[-1:], answered or ""]) for m in _DEFINITE.finditer(unbound))
    # "what does Anthropic say in response to his account?" after "what is David Sacks' version…": "his" is the person
    # the thread named when the question names no one the thread has not (the answer said "Anthropic refused…")
    spoken = f"{previous} {answered or ''}".lower()
    points_back = _opens_with(_PARTY_PRONOUN, unbound) or (
        bool(_PERSON_PRONOUN.search(unbound)) and any(map(names_person, before))
        and not any(names_person(n) and n.lower() not in spoken for n in own))
    if own and not points_back and (_opens_with(_DEMONSTRATIVE, unbound) or _DEMONSTRATIVE_THING.search(unbound)):
        # what "that" is, the question before asked about: "was that before or after fable dropped?" after "when
        # did anthropic file its ipo paperwork?" asks of the filing, not of Fable
        return f"{question.rstrip(' ?')} ({_topic_of(previous)})?"
    # a later part of one message that names nothing of its own goes on with the part before it ("…what was still
    # holding up lifting the fable curbs? like who still had to sign off"), however many words it has
    if (refers_back and (not own or points_back)) or (
            not own and (same_message or len(re.findall(r"[A-Za-z]{3,}", question)) <= 4)):
        carried = [n for n in before if n.lower() not in question.lower()]
        if (points_back or _PERSON_PRONOUN.search(question)) and ASKS_WHO.match(_topic_of(previous)):
            # "she" after "who is Katie Moussouris?" is named already
            if not _asks_about_named(previous, is_name, answered):
                person = _person_answered(answered, previous, question, is_name)[:1] if answered else []
                # "what's his job?" after "who signed the order?": the person answered; with none, "when did he
                # say that?" after "who's Anthropic's international chief, the 'within days' guy?" is about whom
                # the question described, in its words, not its names
                carried = [*person, *carried] if person else []
        elif answered and _POINTS_AT_ANSWER.search(question):
            # of the names an answer gave, a month or weekday is a value, not a subject ("did they win?" after
            # "…filed on Tuesday in Washington" is not about Tuesday), unless the question points at a time ("what
            # else happened that day?"); "the monday meeting" the earlier question asked of is carried either way
            dated = bool(_POINTS_AT_TIME.search(question))
            given = [n for n in _names(answered, is_name) if n not in carried and n.lower() not in previous.lower()
                     and (dated or not _CALENDAR_NAME.fullmatch(n))]
            carried += given[:2]
        # words the earlier question quoted ("that 'europe is watching the lights go out' blog") name the page
        # "the writer" and "it" are about: carried in quotation marks, so the page is read again
        quoted = [f"“{p}”" for p in quoted_phrases(previous) if p.lower() not in question.lower()]
        quoted += [site] if site and site.lower() not in question.lower() else []  # and the site it named
        carried = [*quoted, *(n for n in carried if not any(n.lower() in q.lower() for q in quoted))]
        if carried:
            return f"{question.rstrip(' ?')} ({', '.join(dict.fromkeys(carried))})?"
        subject = _SUBJECT_ASKED.match(previous)
        if subject is not None and _IT.search(question):
            # "when did it end?" after "when did the ban start": asked of the ban, not of its start, and in the
            # question's own words (a topic in brackets weighs as much as the question's own verb)
            return _IT.sub(subject.group(1), question, count=1).rstrip(" ?") + "?"
        return f"{question.rstrip(' ?')} ({_topic_of(previous)})?"
    return question


_IT = re.compile(r"\bit\b(?!['’])")
# a page's words asked for ("what did it say", "does the writer think"): of a site the question before named
_PAGE = r"(?:it|they|the\s+(?:author|writer|piece|post|article|blog|op-?ed|site|newsletter|writeup|write-up))"
_SAY = r"(?:say|said|says|argue[sd]?|think|thinks|call|calls|called|claim|claims|describe[sd]?|recommend(?:s|ed)?|" \
       r"suggest(?:s|ed)?|mention(?:s|ed)?|predict(?:s|ed)?|list(?:s|ed)?)"
_SOURCE_SAYS = re.compile(rf"\b{_PAGE}\s+{_SAY}\b|\b(?:did|does|do)\s+{_PAGE}\s+{_SAY}\b", re.IGNORECASE)


# a question asked of one thing ("when did the ban start", "how long was the outage", "why was the order issued"):
# its subject, which "it" in the next question stands for (see resolve_followup)
_SUBJECT_ASKED = re.compile(r"^\W*(?:when|why|where|how(?: long| often| much| many)?)\s+(?:did|does|do|was|is|were|are|"
                            r"has|have|had|will|would)\s+((?:the|its|their|this|that)\s+[a-z][\w-]*)(?:\s+[a-z]|\W*$)",
                            re.IGNORECASE)


def _topic_of(previous: str) -> str:
    """What a follow-up carries of the question before it: that question, or, when it was itself a follow-up read
    with what it carried ("did they win (who sued over the ban)?"), what it carried: "what was their argument?"
    next asks about who sued, not about winning."""
    opened, closed = previous.find(" ("), previous.rstrip(" ?").rfind(")")
    if 0 < opened < closed:
        return previous[opened + 2 : closed]
    return previous.rstrip(" ?")


@dataclass
class ReadQuestion:
    """What the answerer works from: the question as typed, as meant, and its parts read in context."""

    asked: str
    normalised: str
    parts: list[str] = field(default_factory=list)
    # each part as split, before it was read in context, and the thread's earlier parts: so a part
    # can be read again once the part before it is answered ("who sued? and what did they argue?")
    pieces: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)
    small_talk: bool = False  # every part is chat ("hi", "thanks!"), not a question about the story

    def reread(self, i: int, answered: str, vocabulary: Vocabulary | None = None,
               site_named: Callable[[str], str | None] | None = None) -> str:
        """Part ``i`` read again knowing the lead of the answer to the part before it, when it points at
        what that answer named ("which official did he contact?"); else the part as first read. ``site_named``
        as for :func:`read_question`."""
        piece = self.pieces[i] if i < len(self.pieces) else self.parts[i]
        if i == 0 or not _POINTS_AT_ANSWER.search(piece):
            return self.parts[i]
        is_name: Callable[[str], bool] = vocabulary.is_name if vocabulary else (lambda _w: False)
        return resolve_followup(piece, [*self.earlier, *self.parts[:i]], is_name, answered, site_named,
                                same_message=True)


def asks_only_for_a_summary(message: str) -> bool:
    """Whether a message asks for the short version and nothing else ("tl;dr pls", "eli5?", "summary"): the
    first message of a thread saying so asks what happened (in a thread it asks about what came before)."""
    if not _SUMMARY_ASK.search(message):
        return False
    rest = _SUMMARY_ASK.sub(" ", message)
    return all(t in _OVERVIEW_TERMS for t in terms(rest))


def asks_overview(part: str, vocabulary: Vocabulary | None,
                  story_term: Callable[[str], bool] | None = None) -> bool:
    """Whether a question asks what happened in the story as a whole ("what happened?", "what's the deal with
    fable"): besides the words that ask that, it names only the story's own names, or (given ``story_term``,
    the words most of the corpus uses) its everyday words and the span of time it covers ("eli5 the whole
    export control thing", "tldr what happened with anthropic this summer")."""
    if vocabulary is None or not _OVERVIEW_CUE.search(part) or _OTHER_ASK.search(part) or _A_DAY.search(part):
        return False  # "what happened on july 1" asks about a day, not the whole story
    story = frozenset(terms(" ".join(vocabulary.story_names())))
    return bool(story) and all(
        t in _OVERVIEW_TERMS or t in story or (story_term is not None and (story_term(t) or t in _SPAN_TERMS))
        for t in terms(part))


# "it" standing for the thing asked about ("when was it banned?"), not the "it" of "is it true that", "it seems"
_STORY_IT = re.compile(r"\b(?:it|its)\b(?!\s+(?:true|possible|likely|clear|unclear|seems|seem|appears|that|worth|"
                       r"known|like)\b)", re.IGNORECASE)
# what is said of a model: "it" in "when was it banned?", "is it back", "how much does it cost"
_MODEL_STATE = re.compile(r"\b(?:ban\w*|pull\w*|back|return\w*|launch\w*|releas\w*|lift\w*|offline|online|down|dark|"
                          r"available|restrict\w*|block\w*|shut\w*|suspend\w*|c[ao]me out|cost\w*|price\w*|"
                          r"trained|working)\b", re.IGNORECASE)


def story_for_it(part: str, vocabulary: Vocabulary | None) -> str:
    """The first question of a conversation says "it" of the story's main model when it asks what became of one
    and names nothing: "when was it banned?" asks when Fable was. A part naming someone or something ("what did
    retailleau call it") says "it" of what they spoke of; a thread's follow-ups are read against the thread."""
    names = vocabulary.story_names() if vocabulary is not None else []
    if vocabulary is None or not names or not _STORY_IT.search(part) or not _MODEL_STATE.search(part):
        return part
    for word in re.findall(r"[A-Za-z][\w.-]*", part):
        if word != "I" and (vocabulary.is_name(word) or (word.lower() not in vocabulary.english
                                                           and vocabulary.count(word))):
            return part  # a name, or a word no dictionary has that the corpus uses ("retailleau")
    main = names[0]
    return _STORY_IT.sub(lambda m: main + ("'s" if m.group().lower() == "its" else ""), part, count=1)


def about_the_story(part: str, vocabulary: Vocabulary | None) -> str:
    """A question that names nothing ("what happened?", "what's going on") read as asked about the story's own
    names, which the reader then sees in the normalised question ("what happened with Fable and Mythos?")."""
    names = vocabulary.story_names() if vocabulary is not None else []
    if not names or not asks_overview(part, vocabulary) or any(t not in _OVERVIEW_TERMS for t in terms(part)):
        return part
    return f"{part.rstrip(' ?!.')} with {' and '.join(names)}?"


def read_question(question: str, earlier: Sequence[str] = (), vocabulary: Vocabulary | None = None,
                  answered: str | None = None,
                  is_chat: Callable[[Sequence[str]], list[bool]] | None = None,
                  site_named: Callable[[str], str | None] | None = None) -> ReadQuestion:
    """Normalise, split into parts, and resolve each part against the thread (and the parts before it);
    ``answered`` is the lead of the answer to the last earlier question. Given ``is_chat`` (which parts are
    small talk), chat parts are left out ("good morning! when was it lifted?" asks one thing); a message
    that is all chat is read as such (``small_talk``). Given ``site_named`` (the words a text names one of the
    sources' sites by, or None), a part asking what "it" or "the writer" said is about the site the part before
    named."""
    asked = question
    fresh = NEW_TOPIC.match(question)  # "ok diff question, …": nothing earlier is carried into it
    if fresh and question[fresh.end():].strip():
        question, earlier, answered = question[fresh.end():], (), None
    if not earlier and asks_only_for_a_summary(question):
        question = OVERVIEW_QUESTION
    normalised = normalise(question, vocabulary)
    is_name: Callable[[str], bool] = vocabulary.is_name if vocabulary else (lambda _w: False)
    context = list(earlier)
    pieces = split_parts(normalised)
    if is_chat is not None and pieces:
        chat = is_chat(pieces)
        if all(chat):
            return ReadQuestion(asked=asked, normalised=normalised, parts=list(pieces), pieces=list(pieces),
                                earlier=list(earlier), small_talk=True)
        pieces = [p for p, said in zip(pieces, chat, strict=True) if not said]
    parts: list[str] = []
    for i, part in enumerate(pieces):
        resolved = resolve_followup(part, context, is_name, answered if i == 0 else None, site_named, i > 0) \
            if context else story_for_it(part, vocabulary)
        resolved = about_the_story(resolved, vocabulary)
        parts.append(resolved)
        context.append(resolved)
    return ReadQuestion(asked=asked, normalised=normalised, parts=parts, pieces=pieces, earlier=list(earlier))
