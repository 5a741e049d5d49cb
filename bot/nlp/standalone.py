"""Whether a sentence can stand on its own as a statement in an answer or a brief.

A quoted statement is read out of its page, so it must make sense there: not a headline, caption or
widget line (no sentence end), not the writer talking about their own piece ("I'll be upfront…"), not a
question, and not a sentence whose "They", "This" or "Their deadline" points at something said before
it. The reason is returned so a caller can log or show why a sentence was passed over.
"""

from __future__ import annotations

import re

_WIDGET = re.compile(r"\b(is trending|trending now|related articles?|most read|photo:|image:|credit:|featured image|"
                     r"click here|sign up|subscribe|originally published|read the full|listen to|"
                     r"in this episode|this episode|meta description|tl;?dr|no prior coverage|"
                     r"(?:our|previous|prior|earlier) coverage|link copied|comments:|getty images|"
                     r"views expressed (?:by|in|here) [\w\s]{0,30}are (?:their|the author)|"
                     r"(?:AP|AFP|Reuters) Photo)(?:\b|(?<=:))|"  # a label's colon ends it ("Photo: …")
                     r"[a-z]>[A-Z]", re.IGNORECASE)  # a breadcrumb ("Opinion>Opinions - Technology")
# The page sending its reader to its other pieces, wherever in the line ("Meanwhile, you can read other stories here:
# <another headline>"): a link list, however much of the story's words it repeats
_ELSEWHERE = re.compile(r"\b(?:(?:you|readers) can (?:also )?(?:read|watch|listen)|(?:other|more|related) stories|"
                        r"(?:see|read|check out|visit) (?:our|my))\b", re.IGNORECASE)  # "…see our anchor analysis"
# markup a page left in its text ("…<br>Here's", '<p class="…">'); the corpus's page reader shares it
HTML_TAG = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*\b[^>]*>", re.IGNORECASE)
# A record dumped as text ("TITLE: … DATE: 2026-06-20 COMPANY: … SUMMARY: …"): two or more labelled fields.
_FIELD_LABEL = re.compile(r"(?:^|\s)[A-Z][A-Z ]{2,}:\s")
_ENDED = re.compile(r"[.!…][\"'”’)\]]*$")
# The writer in the first person ("I", "my", "let's", "below, you get"), outside any quotation.
_WRITER = re.compile(r"\b(?:I|I'm|I’m|I'll|I’ll|I've|I’ve|I'd|I’d|my|me|Let's|Let’s)\b|^(?:Below|Here),? you\b")
# what is inside quotation marks is someone else speaking ("'I think it was right,' Lutnick said"); an unclosed
# quotation runs to the end of the sentence
_QUOTATION = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
# The page pointing at itself ("Here's what happened and what it means for India.", "In this article we…"):
# it says nothing of the story, wherever it is quoted.
# A link or button's text is the page too: "Read the letter sent to …", "Watch the full interview", "Sign up …",
# "📊 Full report: <another page's title> on example.com" (a pictograph may open it).
_META = re.compile(r"^(?:[\"“‘']?\s*)(?:[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?\s*)?"
                   r"(?:Full (?:[\w-]+ )?report(?=:)|Here's|Here’s|Here is|Here are|Below(?: is| are|,)|"
                   r"In this (?:article|post|"
                   r"piece|guide|episode|explainer|newsletter)|Let's|Let’s|Let me|Read on|Keep reading|Scroll down|"
                   r"Read (?:the|our|more|about|full|this)|Watch (?:the|our|full|this)|Listen (?:to|now)|Subscribe|"
                   r"Download|Click|Sign up|See (?:also|more|the full)|Learn more|Follow us|Share this|Stay tuned|"
                   # a newsletter greeting its readers ("Welcome to Wednesday's edition of …", "Thanks for reading")
                   r"Welcome (?:to|back)|Thanks? (?:you )?for reading|Good (?:morning|afternoon|evening)(?=\s*[,!.])|"
                   # where the page first ran, and what the site does for its readers ("Originally published at …",
                   # "We scan new podcasts and send you the top 5 insights daily.")
                   r"(?:Posted on\W+)?Originally (?:published|posted|appeared)|"
                   r"We(?:['’]ll| will)? (?:scan|send|deliver|curate|email|bring you|round up)|"
                   r"Happy (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                   r"(?:(?:We|I)(?:['’]ll| will) |Will )?keep (?:you|readers) (?:updated|posted|informed)|"
                   # the writer setting up what comes next ("To understand why he called, it helps to understand who
                   # he is.")
                   r"To (?:understand|see|grasp|make sense of)\b[^.]{0,150}?,\s*it (?:helps|is worth|pays|is useful) "
                   r"to (?:understand|know|look|recall|remember)|"
                   # what the piece goes on to do ("This deep dive explains why…")
                   r"This (?:page|article|post|piece|guide|explainer|deep[- ]dive|breakdown|analysis|write-?up|episode|"
                   r"video|newsletter) (?:explains|examines|looks at|unpacks|breaks down|explores|"
                   r"walks (?:you )?through|covers|outlines|digs into|reads|traces|maps|considers|argues)|"
                   r"(?:This|The) (?:page|article|post|piece|guide|explainer|summary|collection|roundup|newsletter) "
                   r"(?:collects|gathers|summari[sz]es|rounds up|brings together|is (?:regularly )?updated|"
                   r"will be updated|"
                   # how the page was made ("This article is original editorial commentary written with AI
                   # assistance", "This summary is AI-generated", "The article is broadly supported by the provided
                   # context"): a note on the page, not news
                   r"(?:is|was|has been) (?:(?:largely|broadly|partly|fully) )?(?:original|editorial|AI|written|"
                   r"generated|produced|created|reviewed|supported|based on|adapted|translated|sponsored)))\b",
                   re.IGNORECASE)
# The writer advising or addressing the reader ("Monitor Commerce's response to the June 26 deadline closely.",
# "Legal teams: review your terms of service…", "Imagine this: you have a voice assistant…"): an imperative opening
# the sentence, or after a short label naming whom it is for. Advice about the story is not news of it. (Inside
# quotation marks it is someone's words: "'Don't ship it,' the minister said" is quoted.)
_TO_THE_READER = re.compile(r"^(?:[A-Z][\w&'’ -]{0,30}:\s+)?(?i:imagine|consider|monitor|make sure|"
                            r"ensure|ask yourself|think about|keep an eye|don['’]t|do not|plan for|prepare for|audit|"
                            r"inventory|assess|evaluate|(?:check|review|update|document|map|identify) (?:your|the|all|"
                            r"which|whether|how|what|any))\b(?!\s+(?:is|was|are|were|has|had|of)\b)")
# A made-up case the writer sets out ("Short scenario: a Paris marketplace using the model sees…", "Hypothetical: …"):
# an illustration, not something that happened.
_ILLUSTRATION = re.compile(r"^(?:[\"“‘']?\s*)(?:\w+ )?(?:scenario|hypothetical|thought experiment)s?:", re.IGNORECASE)
# "It" that stands for nothing before it: "It's been reported that Amazon…", "It remains unclear why…", "It
# seems that…" (what the sentence says follows in it)
_DUMMY_IT = (r"It (?:turns|turned) out\b|"
             r"It(?:['’]s| is| was| has been| had been| remains| remained| seems| seemed| appears| appeared|"
             r" would be| will be| may be| might be| could be| became| is not| was not| isn['’]t| wasn['’]t)"
             r"(?: been| not| still| now| also)?\s+(?:that\b|reported|unclear|not clear|clear|likely|unlikely|"
             r"possible|impossible|worth|true|notable|important|understood|believed|expected|estimated|said|"
             r"thought|rumou?red|alleged|known|unknown|hard|difficult|easy|too early|no secret|no surprise|"
             r"(?:not )?yet (?:clear|known)|to be seen)")
# Words that point back at the sentence before: pronouns and bare demonstratives. "This week" or "That
# same day" still stand, so a demonstrative followed by a time word is allowed.
_POINTS_BACK = re.compile(
    rf"^(?:[\"“‘']?\s*)(?!{_DUMMY_IT})(?:(?:They|Them|Their|Theirs|It|Its|He|She|His|Her|Hers|Both|Such|The latter|"
    r"The former|Neither|Either|Others)\b|The move\b(?!\s+(?:to|by|from|of|toward|towards)\b)|"
    r"(?:This|That|These|Those)\b(?!\s+(?:week|month|year|morning|afternoon|"
    r"evening|night|weekend|day|time|spring|summer|autumn|fall|winter|same)\b))"
)
# Time and circumstance given by pointing at something said before: "After that date", "By then", "Since
# then". Such a sentence may be quoted for who did what, but it cannot open an answer or a brief: alone
# it does not say when. ("After this week" still stands: "this" followed by a time word is the article's
# own present; "Four days later, Austrian MEP … urged" names its actor and still leads.)
_RELATIVE_OPENER = re.compile(
    r"^(?:[\"“‘']?\s*)(?:(?:After|Before|Since|Until|Till|By|At|On|From|Following|Despite|Given|Under|"
    r"Besides|Beyond|Unlike|Like|With|Without|Against|Because of|Due to|In response to|In addition to)\s+"
    r"(?:(?:that|those|then|which)\b|(?:this|these)\b(?!\s+(?:week|month|year|morning|afternoon|evening|"
    r"weekend|spring|summer|autumn|fall|winter)\b))"
    r"|Later that\b)",
    re.IGNORECASE,
)
# Connectives that continue an argument begun before ("However, …", "So …"). The first say nothing of their own and
# can be dropped when the sentence leads (see ``without_connective``); "Instead", "So", "Thus" say how it follows.
_EMPTY_CONNECTIVES = r"However|But|And|Yet|Still|Moreover|Furthermore|Nevertheless|Also"
_CONTINUES = re.compile(rf"^(?:[\"“‘']?\s*)(?:{_EMPTY_CONNECTIVES}|Instead|Thus|Therefore|Hence|So)\b")
_EMPTY_CONNECTIVE = re.compile(rf"^(?:{_EMPTY_CONNECTIVES})\b,?\s+(?=[\w$])")
# the short elliptical sentence that widens the one before ("Not just people outside America."): what is not just
# them, the sentence before says ("Not only did Commerce order the ban, it also…" says it itself, at more length)
_ELLIPTICAL = re.compile(r"^(?:[\"“‘']?\s*)Not\s+(?:just|only|even|merely)\b")
ELLIPTICAL_MAX_WORDS = 8


# a person the sentence is about named only by a pronoun after a phrase setting the scene ("In 2024, speaking at a
# summit in Bengaluru, he had argued…"; not after a name opening the scene, whom the pronoun may be: "When Jassy
# dialed Bessent, he was wearing four hats")
_SCENE_THEN_PRONOUN = re.compile(
    r"^(?:[\"“‘']?\s*)(?:In|On|At|After|Before|During|When|While|Earlier|Later|Last|Speaking|Asked|Writing|Back)\s+"
    r"(?![A-Z][a-z])[^.;:!?]{0,120}?,\s+(?:he|she|they)\s+[a-z]")


def points_back(sentence: str) -> bool:
    """True when the sentence opens with "They", "This", "Their deadline"…, or names its subject only so after the
    scene ("In 2024, he argued…"): what it speaks of was said before it, so quoted alone it does not say who or
    what."""
    text = sentence.strip()
    return bool(_POINTS_BACK.match(text) or _SCENE_THEN_PRONOUN.match(text))


def continues(sentence: str) -> bool:
    """True when the sentence opens with a connective that goes on from the one before ("However, …", "So …"),
    or is a short "Not just …" widening it."""
    text = sentence.strip()
    return bool(_CONTINUES.match(text)) or (
        bool(_ELLIPTICAL.match(text)) and len(text.split()) <= ELLIPTICAL_MAX_WORDS)


def without_connective(sentence: str) -> str | None:
    """The sentence without an empty connective it opens with ("However, Amazon…" -> "Amazon…"), its next word
    capitalised; None when it opens with none or would not then stand alone ("But they said…" still leans on what
    came before)."""
    opening = _EMPTY_CONNECTIVE.match(sentence)
    if opening is None:
        return None
    rest = sentence[opening.end() :]
    rest = rest[0].upper() + rest[1:]
    return rest if stands_alone(rest) is None else None


def points_elsewhere(sentence: str) -> bool:
    """True when the line sends its reader to the site's other pieces: page furniture, never a statement."""
    return bool(_ELSEWHERE.search(sentence))


def about_the_page(sentence: str) -> bool:
    """True when the sentence is the page speaking of itself ("Here's what it means for you."): never a
    statement about the story."""
    return bool(_META.match(sentence.strip()))


# a statement that quotes a question at its end ("The FT headline landed like a punchline: “Did Anthropic talk its
# way into an AI export ban?”", "Reporters asked: 'will it return?'"): the sentence reports the question
_REPORTS_A_QUESTION = re.compile(r"^(?!\W*(?:who|what|when|where|why|how|which|is|are|was|were|do|does|did|can|could|"
                                 r"will|would|should|has|have)\b)[^\"“‘?]{12,}(?::|\b(?:asked|asks|asking|wondered|"
                                 r"headlined?|titled))\s*[\"“‘'][^\"“”]+\?[\"”’']\s*$", re.IGNORECASE)


def stands_alone(sentence: str) -> str | None:
    """None when the sentence can be quoted as a statement on its own, else the reason it cannot."""
    text = sentence.strip()
    asks = re.search(r"\?[\"'”’)\]]*$", text) is not None
    if (asks or not _ENDED.search(text)) and not _REPORTS_A_QUESTION.search(text):
        return "a question" if asks else "a headline, caption or list item (no sentence end)"
    if _WIDGET.search(text) or HTML_TAG.search(text) or points_elsewhere(text):
        return "page furniture"
    if len(_FIELD_LABEL.findall(text)) >= 2:
        return "page metadata (labelled fields)"
    if about_the_page(text) or _WRITER.search(_QUOTATION.sub(" ", text)):
        return "the writer speaking about their own piece"
    if _TO_THE_READER.match(text):
        return "advice to the reader"
    if _ILLUSTRATION.match(text):
        return "a made-up illustration"
    if points_back(text) or continues(text):
        return "leans on the sentence before it"
    if _RELATIVE_OPENER.match(text):  # still worth quoting for what it says, but it cannot open an answer
        return "leans on the sentence before it for when or why"
    return None


# someone not answering the press ("Spokespeople for Commerce did not respond to requests for comment"): a line every
# story carries, never news of its own in a brief (an answer may still quote it, asked whether they commented)
_NO_COMMENT = re.compile(r"\b(?:did not|didn['’]t|has not|hasn['’]t|have not|haven['’]t)\s+(?:immediately\s+)?"
                         r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?)\s+to\s+(?:[\w'’]+\s+){0,3}?"
                         r"(?:requests?|queries|questions|emails?|calls?|messages?)\b|\bdeclined\s+(?:to|further)\s+"
                         r"comment\b|\bcould not (?:immediately )?be reached\b|\bno immediate comment\b", re.IGNORECASE)
NO_COMMENT_MAX_WORDS = 30  # a longer sentence says more than that someone did not comment


def no_comment(text: str) -> bool:
    """A sentence that only says someone did not answer the press."""
    return bool(_NO_COMMENT.search(text)) and len(text.split()) <= NO_COMMENT_MAX_WORDS
