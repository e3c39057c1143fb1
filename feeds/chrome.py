"""Page chrome as data: the lines a capture carries that are not the article.

Every pattern here describes page furniture in general (media players, close buttons,
newsletter boxes, share bars), never one site. Tuning a heuristic means editing a tuple.
"""

from __future__ import annotations

import re

# Whole lines that are widget residue: player clocks, close crosses, lone symbols.
WIDGET_LINE = re.compile(
    r"""^(?:
        \d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?   # 0:00, 1:02 / 3:45
      | [×✕✖✗⨯xX]                                                    # close crosses
      | [▶►❚⏸⏵⏯⏹■□•·|\-–—_=*#~]+                                        # player and rule glyphs
    )$""",
    re.VERBOSE,
)

# Whole lines (case-insensitive) that are interface words, not prose.
UI_WORDS = frozenset(
    w.casefold()
    for w in (
        "Close", "Menu", "Search", "Share", "Share this", "Share this article", "Tweet",
        "Newsletter", "Newsletters", "Subscribe", "Sign up", "Sign in", "Log in", "Login",
        "Register", "Advertisement", "Advert", "Sponsored", "Skip to content",
        "Skip to main content", "Play", "Pause", "Mute", "Unmute", "Fullscreen",
        "Watch", "Listen", "Print", "Email", "Copy link", "Comments", "Show comments",
        "Load more", "Read more", "Continue reading", "Back to top", "Accept",
        "Accept all", "Reject all", "Cookie settings", "Follow us", "Home",
        "Leave a comment", "Leave a reply", "Post a comment", "Add a comment",
    )
)

# A short label that introduces a list of other headlines at the foot of a page.
RELATED_LABEL = re.compile(
    r"^(?:related(?:\s+(?:articles|stories|news|content|coverage|reading))?|"
    r"read\s+(?:more|next|also)|more\s+(?:from|on|in|stories|news)\b.*|"
    r"(?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in))|"
    r"see\s+also|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|"
    r"latest(?:\s+(?:news|stories|articles))?|top\s+stories|recommended(?:\s+for\s+you)?)"
    r"\s*:?$",
    re.IGNORECASE,
)

# The heading of a comment thread: "34 responses to “Title”", "[ 167 comments ]",
# "Top Rated Comments", "Kommentare (12)", "3 réponses à ...". The words are the common
# names of a comment section in the languages the reader meets most; alone, only a
# plural names a thread ("Comment" is a newspaper's opinion section, "Reply" a button).
_THREAD_COUNTED = (
    r"comments?|responses?|replies|reactions?|kommentare?|antworten|commentaires?|"
    r"réponses?|comentarios?|respuestas?|commenti|risposte|reacties|kommentarer|komentarze"
)
_THREAD_NAMED = (
    r"comments|responses|reactions|kommentare|leserkommentare|commentaires|comentarios|"
    r"commenti|reacties|kommentarer|komentarze"
)
_COUNT_TAIL = r"[\s\d().:\[\]]*"
COMMENTS_HEADING = re.compile(
    rf"^[\s\[(]*(?:\d[\d.,]*\s+(?:{_THREAD_COUNTED})"
    rf"(?:\s+(?:to|on|for|zu|auf|à|a|para|su|op)\s.*)?"
    rf"|(?:(?:top[\s-]rated|latest|newest|all|show|view|reader|user)\s+)?(?:{_THREAD_NAMED})"
    rf"){_COUNT_TAIL}$",
    re.IGNORECASE,
)


# The byline of a reader's comment: a name, "on" and the comment's date and time, "said:"
# ("Milan on September 12, 2018 at 4:47 pm said:", "Anna am 3. Mai 2020 um 10:12 sagt:").
COMMENT_BYLINE = re.compile(
    r"^[^\s,.:;!?][^,.:;!?]{0,60}?\s(?:on|am|le|el|il|op|em)\s.{3,40}?\d{1,2}[:.]\d{2}\b"
    r"[^,]{0,15}?\s"
    r"(?:said|says|wrote|sagt|schreibt|schrieb|meint|a\s+dit|a\s+écrit|dice|dijo|"
    r"ha\s+detto|scrive|zei|schreef)\s*:$",
    re.IGNORECASE,
)


def is_comments_heading(line: str) -> bool:
    """A line that opens a comment thread: a count of comments, the thread's title, or the
    first comment's byline."""
    s = line.strip()
    return len(s) <= 200 and bool(COMMENTS_HEADING.match(s)
                                  or (s.endswith(":") and COMMENT_BYLINE.match(s)))


# Navigation bars flattened to text: several short items separated by bars or bullets.
NAV_SEPARATORS = re.compile(r"\s[|•·»/]\s")


# A counter after an interface word: "Comments (12)", "Share 3.4k".
_COUNTER = re.compile(r"\s*(?:\(\s*[\d.,]+[kKmM]?\s*\)|[\d.,]+[kKmM]?)$")


# What COPYRIGHT can start with, and what _COUNTER can end with: cheap tests first.
_COPYRIGHT_FIRST = frozenset("©(cC")
_COUNTER_LAST = frozenset(".,)kKmM")

# Longer than any interface word with a counter: such a line is checked for a footer only.
_UI_MAX_LEN = max(len(w) for w in UI_WORDS) + 12


def is_chrome(line: str) -> bool:
    """True for a line that is interface residue wherever it appears."""
    s = line.strip()
    if s[:1] in _COPYRIGHT_FIRST and COPYRIGHT.match(s):
        return len(s.split()) <= 25
    if len(s) > _UI_MAX_LEN:  # prose: the common case, decided without a regex
        return False
    if WIDGET_LINE.match(s):
        return True
    if s[-1:] in _COUNTER_LAST or s[-1:].isdigit():
        s = _COUNTER.sub("", s)
    word = s.casefold().rstrip(":")
    return word in UI_WORDS


# Footer notices: "© 2024 Example Media. All rights reserved."
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def is_nav(line: str) -> bool:
    """Navigation flattened to text: several items between separators, or interface words
    joined by one ("Sign in | Subscribe")."""
    if len(line) > 200:
        return False
    seps = len(NAV_SEPARATORS.findall(line))
    if seps >= 2:
        return True
    parts = NAV_SEPARATORS.split(line)
    return seps == 1 and all(p.strip().casefold() in UI_WORDS for p in parts)


def is_related_label(line: str) -> bool:
    return bool(RELATED_LABEL.match(line.strip()))
