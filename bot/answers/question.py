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

The vocabulary comes from the indexed corpus (:mod:`bot.answers.vocabulary`), so nothing here is fitted to
particular questions; a follow-up is resolved against its thread by :mod:`bot.answers.followups`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.answers.followups import ASKS_WHO, POINTS_AT_ANSWER, QUESTION_WORD, resolve_followup
from bot.answers.named_values import READING_WORDS
from bot.answers.vocabulary import Vocabulary
from bot.nlp.calendar import DAY_MONTH, MONTH_DAY, MONTHS
from bot.nlp.terms import STOPWORDS, terms

# the kinds of page a question may name as where something was said ("that TAI newsletter", "per kunal's post")
PAGE_KINDS = (r"site|website|newsletter|piece|post|article|blog|explainer|write-?up|outlet|magazine|podcast|ep|episode|"
              r"op[-\s]?ed|column|substack|thread|story")

# Chat abbreviations → what they stand for. Filler that asks for a style of answer ("short version",
# "eli5", "tldr") is dropped: it is not part of what is asked.
ABBREVIATIONS = {
    "govt": "government", "gov't": "government", "gvt": "government", "gov": "government",
    "diff": "difference", "n": "and",
    "admin": "administration", "wh": "White House", "dept": "department", "ppl": "people", "peeps": "people",
    "w/": "with", "w/o": "without", "b/c": "because", "bc": "because", "cuz": "because", "coz": "because",
    "pls": "", "plz": "", "pleeease": "", "u": "you", "ur": "your", "rn": "right now", "atm": "at the moment",
    "r": "are",
    "tho": "though", "thru": "through", "abt": "about", "bout": "about", "wat": "what", "wut": "what",
    "whaat": "what", "y": "why", "b4": "before", "yrs": "years", "yr": "year", "hrs": "hours", "hr": "hour",
    "mins": "minutes", "min": "minutes", "info": "information", "prez": "president", "potus": "president",
    "smth": "something", "sth": "something", "gonna": "going to", "wanna": "want to", "gotta": "have to",
    "thx": "", "ty": "", "tbh": "", "imo": "", "pov": "view", "idk": "", "lol": "", "lmao": "", "eli5": "", "tldr": "",
    "tl;dr": "", "ngl": "", "fr": "", "btw": "", "iirc": "", "afaik": "", "pm": "pm", "am": "am",
    "dems": "democrats", "repubs": "republicans", "gop": "Republicans",
    "yo": "", "bruh": "", "hey": "", "hmm": "", "um": "", "uh": "", "ugh": "", "welp": "", "dude": "",
    "oh": "", "ooh": "", "ah": "", "anyway": "", "anyways": "", "rly": "really", "srsly": "seriously",
    "tmrw": "tomorrow", "nvm": "", "fyi": "", "ofc": "", "jk": "", "omg": "", "wtf": "", "wth": "", "tbf": "",
    "legit": "legitimate", "sus": "suspicious", "convo": "conversation", "convos": "conversations",
    "mtg": "meeting", "mtgs": "meetings", "msg": "message", "msgs": "messages",
    "params": "parameters", "param": "parameter", "ctx": "context", "natsec": "national security",
    "pct": "percent", "wk": "week", "wks": "weeks", "bn": "billion", "reps": "representatives",
    "rep": "representative", "cmte": "committee",
    "org": "organization", "orgs": "organizations", "exec": "executive", "execs": "executives",
    "dev": "developer", "devs": "developers", "intl": "international", "biz": "business", "regs": "regulations",
    "approx": "approximately", "ballpark": "", "roughly": "", "mgmt": "management", "mkt": "market",
    "mkts": "markets", "natl": "national", "govts": "governments", "amt": "amount", "vuln": "vulnerability",
    "vulns": "vulnerabilities", "infra": "infrastructure",
    "pump": "jump", "pumped": "jumped",  # a price or stock going up, as markets chat says it
    "pop": "jump", "pops": "jumps", "popped": "jumped",
    "unbanned": "ban lifted", "unban": "lift the ban on",  # as the reporting says it
    "bounce": "route", "bounces": "routes", "bounced": "routed",  # a request sent on to another model
    "bump": "route", "bumps": "routes", "bumped": "routed",  # (only before "to": see _ONLY_BEFORE)
    "whats": "what is", "whos": "who is", "wheres": "where is", "whens": "when is", "hows": "how is",
    "whys": "why is", "thats": "that is", "theres": "there is", "heres": "here is",
    "when's": "when is", "where's": "where is", "how's": "how is",
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
# the words before which chat's word means something else than the reporting's word it stands for
_NOT_BEFORE = {word: frozenset({"back"}) for word in ("bounce", "bounces", "bounced")}
# the words only before which chat's word means the reporting's ("got bumped to opus": routed; "bumped up the price",
# "a price bump" stay)
_ONLY_BEFORE = {word: frozenset({"to", "down", "over"}) for word in ("bump", "bumps", "bumped")}
# the words after which "cos" counts companies ("a few us ai cos", "big tech cos") rather than giving a reason
_BEFORE_COMPANIES = frozenset(
    "ai tech us u.s. american chinese european korean japanese indian big major few many some several other these "
    "those the all most two three four five software cloud telecom chip frontier rival".split())
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
    # "the quote twitter dug up", "what did they dig up on him": found, as reporting says it
    (re.compile(r"\bdug up\b", re.IGNORECASE), "found"),
    (re.compile(r"\bdigs up\b", re.IGNORECASE), "finds"),
    (re.compile(r"\bdigging up\b", re.IGNORECASE), "finding"),
    (re.compile(r"\bdig up\b", re.IGNORECASE), "find"),
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
    # "pm" not after a time of day is a prime minister ("that former french pm", "the uk pm"); "5 pm" stays
    (re.compile(r"(?<![\d:])(?<!\d )(?<![\d:]\d\d )\bpm\b(?!\s+me\b)", re.IGNORECASE), "prime minister"),
    # digging into something is investigating it ("who dug into the router thing"): reporting writes the latter
    (re.compile(r"\b(?:dig|digs)\s+into\b", re.IGNORECASE), "investigate"),
    (re.compile(r"\bdug\s+into\b", re.IGNORECASE), "investigated"),
    (re.compile(r"\bdigging\s+into\b", re.IGNORECASE), "investigating"),
    # "kick in": take effect ("when does the act kick in", "how often does the fallback kick in")
    (re.compile(r"\bkick in\b", re.IGNORECASE), "take effect"),
    (re.compile(r"\bkicks in\b", re.IGNORECASE), "takes effect"),
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
# the words of a question that asks about the whole story ("what happened?", "can someone explain the whole
# thing", "what's the deal"): with nothing else, it names nothing to look for
# ("catch me up on the fable thing", "fill me in", "the fable drama?", "whats up with fable", "the gist")
_OVERVIEW_CUE = re.compile(r"\b(?:happen\w*|going on|deal|story|stories|explain\w*|summar\w+|recap|overview|saga|"
                           r"whole (?:[\w.-]+ ){0,2}?(?:thing|saga|story|mess|situation|drama)|all about|what about|"
                           r"catch (?:me|us|u) up|fill (?:me|us|u) in|drama|mess|step by step|blow by blow|"
                           r"(?:walk|run|take) (?:me|us|u) through|"
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
                                  "dates events moments main sequence walk run take through step blow "
                                  # the length asked for ("summarize in 2 sentences", "in a few words", "3 bullets")
                                  "sentence sentences paragraph paragraphs words bullets bullet points lines line "
                                  "briefly quick quickly short simple simply plain")) | CHAT_FILLER
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
_ASKING_WORD = re.compile(r"\b(?:what|who|whom|when|where|why|how|which)\b", re.IGNORECASE)  # asks wherever it stands


def _about_the_reporting(piece: str) -> bool:
    """A remark about what the asker has read and nothing else ("every article has a different number"): it asks
    nothing of its own (a claim to check names what it is about: "thought they were against it")."""
    said = set(terms(piece))
    return bool(said) and said <= READING_WORDS | _REMARK_WORDS


_REMARK_WORDS = frozenset(terms("every each all any another both same confusing confused mess"))


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


# "what" said with an oath ("wtf is the fallback classifier", "wth happened", "what the hell is caisi"); "wtf" alone is
# an interjection (ABBREVIATIONS drops it)
_WHAT_THE = re.compile(r"\bwhat the (?:hell|heck|fuck|f)\b|\b(?:wtf|wth)\b(?=\s+(?:is|are|was|were|"
                       r"happened|happens|happening|does|do|did|has|have|going on)\b)", re.IGNORECASE)

# telling on someone, as chat puts it ("why did amazon rat them out", "who snitched on anthropic"): reporting them, with
# no "out" or "on" left (the single words are ABBREVIATIONS; "reported on" is what the press does)
_TELLING_ON = re.compile(r"\brat(?P<rat>s|ted|ting)?\s+(?P<whom>(?:\w+\s+){0,2}?)out\b|"
                         r"\b(?:snitch|narc)(?P<snitch>es|ed|ing)?\s+on\b", re.IGNORECASE)
_REPORT_ENDING = {"": "", "s": "s", "es": "s", "ted": "ed", "ed": "ed", "ting": "ing", "ing": "ing"}


def _reported(match: re.Match[str]) -> str:
    ending = match.group("rat") if match.group("rat") is not None else match.group("snitch") or ""
    return f"report{_REPORT_ENDING[ending.lower()]} {match.group('whom') or ''}".rstrip() + " "


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
    text = _WHAT_THE.sub("what", text)  # "wtf is the fallback", "what the hell happened": what
    text = _TELLING_ON.sub(_reported, text)  # before spelling: "ratted" is no "rattled", "snitched" no "switched"
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
        if low == "cos" and out and (out[-1].lower() in _BEFORE_COMPANIES or out[-1].isdigit()):
            out.append("companies")  # "a few us ai cos", "3 cos": companies, not "because"
            continue
        if low in _NOT_BEFORE and tokens[i + 1 : i + 2] and tokens[i + 1].lower() in _NOT_BEFORE[low]:
            out.append(token)  # "which setups bounced back faster": recovered, not routed
            continue
        if low in _ONLY_BEFORE and not (tokens[i + 1 : i + 2] and tokens[i + 1].lower() in _ONLY_BEFORE[low]):
            out.append(token)  # "they bumped up the price": raised, not routed
            continue
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
            if not apostrophe and out and out[-1][:1].isupper() and vocabulary.is_name(out[-1].lower()) and \
                    (surname := vocabulary.surname_meant(stem)) is not None:
                stem = surname  # "david sachs": the name the corpus writes after the first name, one slip away
            elif not apostrophe:
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
            elif not apostrophe and (_possessive_typed_bare(stem, vocabulary) or (
                    i + 1 < len(tokens) and tokens[i + 1].lower() in _OWNED and _possessive_of_name(stem, vocabulary))):
                stem, apostrophe, ending = vocabulary.name_form(stem[:-1]), "'", "s"  # "chinas" → "China's"
            word = stem + apostrophe + ending
        out.append(word)
    joined = " ".join(out)
    for idiom, plain in IDIOMS:
        joined = idiom.sub(plain, joined)
    joined = _SEPARATED_PARTICLE.sub(r"\1 \3 \2", joined)
    joined = _GUESS.sub("", joined)
    joined = _without_party_guess(joined)
    joined = _ONE_FOR_NOUN.sub(lambda m: m.group(0)[: m.start("one") - m.start()] + m.group("noun"), joined)
    joined = _offline_for_dead(joined, vocabulary)
    joined = re.sub(r"\s+([?!.,;:)])", r"\1", joined)
    joined = _QUOTED.sub(r'"\1"', joined).replace("“ ", "“").replace(" ”", "”")  # '" is informed "': '"is informed"'
    joined = re.sub(r"([?!.])\1+", r"\1", joined)
    joined = re.sub(r"\(\s+", "(", joined)
    return " ".join(joined.split()).strip(" ,;:-") or question.strip()


# "switch fable n mythos off", "shut the whole thing down": a verb's particle typed after its object, as people say
# it; reporting writes "switched off Fable 5", and the story's events are read by the verb with its particle (a
# pronoun between them, "switch it off", is read as it stands)
_SEPARATED_PARTICLE = re.compile(
    r"\b((?:switch|turn)(?:ed|es|s|ing)?|shut(?:s|ting)?)\s+"
    r"((?!(?:it|them|this|that|these|those|him|her|everything|everyone|to|from|over|back|on|in|at|into|up)\b)"
    r"(?:[\w'.-]+\s+){1,3}?)(off|down)\b", re.IGNORECASE)


# "the june 2 order and the june 12 one", "the first letter or the second one": the "one" is the thing named before
# it, which retrieval and the answer need spelled out (asked so, the difference between two orders had read as
# another subject)
_ONE_FOR_NOUN = re.compile(r"\b(?:the|a|an)\s+(?:[\w.$%-]+\s+){1,3}(?P<noun>[a-z]{3,})\s+(?:and|or|vs\.?|"
                           r"versus)\s+(?:the|a|an)\s+(?:[\w.$%-]+\s+){1,2}?(?P<one>one)\b", re.IGNORECASE)


# what a party has, after its name: "legions ceo", "apples response" are the party's, though "legions" and "apples"
# are English words too
_OWNED = frozenset("ceo cto cfo founder founders cofounder lawyer lawyers attorney attorneys spokesperson spokesman "
                   "spokeswoman boss chief head statement response reply side version take stock shares valuation "
                   "revenue lawsuit suit complaint letter argument website site blog team staff employees investors "
                   "president minister government".split())


def _name_with_s(word: str, vocabulary: Vocabulary) -> bool:
    """A name typed in lower case with an "s" after it ("chinas", "legions")."""
    return len(word) > 3 and word.islower() and word.endswith("s") and vocabulary.is_name(word[:-1])


def _possessive_of_name(word: str, vocabulary: Vocabulary) -> bool:
    """"legions" before "ceo": a name with an "s" the corpus never writes, the name itself written as one."""
    return _name_with_s(word, vocabulary) and not vocabulary.count(word)


def _possessive_typed_bare(word: str, vocabulary: Vocabulary) -> bool:
    """"chinas response", "anthropics ceo": a name with an "s" and no apostrophe, a form the corpus writes for
    under one in a hundred of the name's uses (a slip of its own; "americans" it writes often: a plural)."""
    return (_name_with_s(word, vocabulary) and word not in vocabulary.english
            and vocabulary.count(word) * 100 < vocabulary.count(word[:-1]))


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
    # a name owned by another ("google's gemini 4") is a product, its number a version whatever follows it
    owned = i >= 2 and tokens[i - 2].lower().endswith(("'s", "’s", "s'"))
    named = (vocabulary.is_name(before) or vocabulary.unknown_name(before)) and (
        owned or after.lower() not in _AFTER_FOR)
    if named or (tokens[i] == "4" and after.lower() in _VERB_AFTER_FOR):
        # a name's version ("Gemini 4", which the corpus never numbers), or a "4" a verb follows ("why did gemini 4
        # get banned": "for get" reads as nothing, where "2 do" is "to do")
        return False
    if after in _MESSAGE_END:
        return True
    return after.replace("-", "").isalpha() and (after.lower() in STOPWORDS or not _COUNTED.fullmatch(after))


_MESSAGE_END = frozenset({"?", "!", "."})
# words "for" takes after a name ("thx anthropic 4 the info", "ask openai 4 me")
_AFTER_FOR = frozenset("the a an me u you us them him her it this that real sure now".split())
# verbs that follow a thing named with its number, never "for" ("did gemini 4 get banned", "was llama 4 released")
_VERB_AFTER_FOR = frozenset("get gets got getting was were is are has have had did does do launched dropped released "
                            "shipped came comes".split())


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
# what the asker believes, after the question ("pretty sure it wasnt reuters", "iirc it was june"): for the reporting to
# confirm or not, no question of its own
_BELIEF = re.compile(r"^(?:(?:i'?m|i am)\s+)?(?:pretty|fairly|quite|almost|99%?)\s+sure\b|^(?:iirc|afaik|afaict)\b",
                     re.IGNORECASE)
# The asker's own guess after the question ("whos dean ball, some openai guy or an academic?") or a
# tag ("or nah", also before an aside in brackets): the reporting answers the question, not the guess. A
# guess with a number in it ("how much tho, $4b or $8b?") names the values in dispute and stays, and so do words in
# quotation marks (what the asker read, which the reporting holds).
_GUESS = re.compile(r"\s*,\s*(?:some|maybe|like|probably|possibly|i think|i guess|i assume|or was it|or is it)\b"
                    r"(?![^?\d]*\b(?:what|how|which|who|whom|when|where|why)\b)"  # ", like what % of it": the question
                    r"(?![^?\d]*\s['\"‘“])"  # ", like 'most capable ___ model'?": words read, to be found
                    r"(?![^?\d]*\bper\b)"  # ", like requests per minute": the measure asked for, not a guess
                    r"[^?\d]*(?=\??$)|\s*,?\s+or (?:nah|nahh|not|what)(?=\s*(?:\([^()]*\))?\s*\??$)", re.IGNORECASE)


# the asker's guess at the party a who- or which-question asks for, typed after it ("who did jassy call? wasnt commerce
# right", "who signed the order?? was it trump himself or some agency"): the reporting says who it was, and the name
# guessed is no subject the answer must speak of (the guessed Commerce had led over the sentence naming Bessent)
_PARTY_GUESS = re.compile(r"(?<=\?)\s*(?:or\s+)?(?:(?:was|is)\s+it|(?:wasn't|isn't)(?:\s+it)?)\s+(?:the\s+)?"
                          r"(?P<name>[A-Z][\w.'-]*)(?:\s+[\w.'-]+){0,4}?(?:,?\s+right)?\s*\??\s*$")


def _without_party_guess(text: str) -> str:
    """``text`` without a party guessed after a who- or which-question (see ``_PARTY_GUESS``); a guess with a
    figure in it stays (it names what is in dispute)."""
    guess = _PARTY_GUESS.search(text)
    if guess is None or any(ch.isdigit() for ch in guess.group(0)):
        return text
    asked = [clause for clause in re.split(r"[?!.]", text[: guess.start()]) if clause.strip()]
    return text[: guess.start()].rstrip() if asked and ASKS_WHO.match(asked[-1]) else text


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
    asks = bool(lead_in) and (bool(QUESTION_WORD.search(lead_in)) or lead_in.endswith("?"))
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
            bool(QUESTION_WORD.search(piece)) and not _about_the_reporting(piece))
        if parts and ((not asks and _ASIDE.match(piece)) or (not piece.endswith("?") and _BELIEF.match(piece))):
            continue
        if parts and len(words) == 1 and words[0].lower() in _LONE_ASKS:
            # "who ordered the ban and why": why of what the part before asks about, as a part of its own
            topic = _LEADING_ASK.sub("", parts[-1]).strip(" ?")
            if terms(topic):  # ("what happened and when": the story's days, asked with what happened)
                parts.append(f"{words[0].lower()} {topic}?")  # its own words, not a thread's carried topic
                continue
        if parts and (len(words) < 3 or not asks):
            parts[-1] = f"{parts[-1]} {piece}"
        elif parts and _CHECKS_BACK.search(piece) and not (QUESTION_WORD.match(parts[-1].lstrip(" \"'“‘("))
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


# One earlier exchange of a thread: the question, and the lead of the answer it got (when known).
Turn = tuple[str, str | None]


# A question that says it is changing the subject ("ok diff question, …", "unrelated but …").
NEW_TOPIC = re.compile(
    r"^\s*(?:(?:ok|okay|so|also|and|hey)\s*,?\s+)?(?:(?:(?:diff|different|unrelated|off[- ]topic)\s+(?:question|q|qn|"
    r"topic|subject))|unrelated|off[- ]topic|on (?:an)?other note|changing (?:the )?(?:subject|topic)|new topic|"
    r"change of (?:subject|topic))\b(?:\s*(?:but|though|tho|q|question))?\s*[,:;.!\-–—]*\s*", re.IGNORECASE)


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
        if i == 0 or not POINTS_AT_ANSWER.search(piece):
            return self.parts[i]
        is_name: Callable[[str], bool] = vocabulary.is_name if vocabulary else (lambda _w: False)
        takes_number: Callable[[str], bool] = vocabulary.takes_number if vocabulary else (lambda _w: False)
        return resolve_followup(piece, [*self.earlier, *self.parts[:i]], is_name, answered, site_named,
                                same_message=True, takes_number=takes_number)


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


# an overview asked for in the order things happened ("whats the timeline", "key dates pls", "walk me through it
# step by step")
_CHRONOLOGY = re.compile(r"\b(?:timeline|chronolog\w*|key (?:dates|events|moments)|main events|sequence of events|"
                         r"in order|step by step|blow by blow)\b", re.IGNORECASE)


def asks_chronology(part: str) -> bool:
    """Whether an overview (see :func:`asks_overview`) is asked as a timeline: its events in the order they
    happened, the first leading, not the most reported first."""
    return bool(_CHRONOLOGY.search(part))


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
    takes_number: Callable[[str], bool] = vocabulary.takes_number if vocabulary else (lambda _w: False)
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
        resolved = resolve_followup(part, context, is_name, answered if i == 0 else None, site_named, i > 0,
                                    takes_number) \
            if context else story_for_it(part, vocabulary)
        resolved = about_the_story(resolved, vocabulary)
        parts.append(resolved)
        context.append(resolved)
    return ReadQuestion(asked=asked, normalised=normalised, parts=parts, pieces=pieces, earlier=list(earlier))
