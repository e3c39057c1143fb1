"""The site's name as a full-page capture prints it, or None when the page does not say.

A real page names its publisher in places that survive "select all + copy": the masthead
(a short line near the top), the copyright footer ("© 2020 Example Media. All rights
reserved."), lines that address the reader in its name ("Contact Example", "About
Example", "More from Example"), a title printed with the site as its suffix ("Headline |
Example", "Headline - Example"), the first crumb of a breadcrumb trail ("Example >
Sport >"), a domain line ("example.com"), and short lines the page repeats. Menu, section
and subscription words sit in the same places, so the name is chosen among such
candidates by a small learned ranker (logistic weights, learned by
``benchmarks/train_textsite.py`` from ``og:site_name`` labels of real pages, shipped in
``feeds/data/textsite.json``): what counts is how many independent places name the
candidate, not one position. When no candidate is likely enough, the page does not say.

Longer than most modules here: the candidate sources and the feature row they fill are
one pass over the page, and the feature order must match the shipped weights.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

from feeds import chrome

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?:\s*[-–—/]\s*(?:19|20)?\d\d\b)?")
_RIGHTS = re.compile(
    r"(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|"
    r"todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|"
    r"some\s+rights\s+reserved|bestimmte\s+rechte\s+vorbehalten|by\b|by$)",
    re.IGNORECASE,
)
_EDGE = " \t.,;:|·•-–—_/()[]\"'„“”«»"
MAX_WORDS = 6
MASTHEAD_LINES = 12
TOP = 15  # lines that count as the masthead
BOTTOM = 40  # lines that count as the footer
MAX_CHARS = 48
NGRAM_CHARS = 80  # names repeated inside lines: menu and footer lines, not paragraphs
NGRAM_MIN = 3  # ... printed at least this often when no other place names them


# Where a copyright line's name ends: a full stop (not an initial's, "E. V."), a bar, a
# dash between spaces, a comma.
_CLAUSE_END = re.compile(r"(?<!\b\w)[.|·•]\s|\s[-–—]\s|\s{2,}|,\s")


_BY = re.compile(r"^by\s+", re.IGNORECASE)


def _from_copyright(line: str) -> str | None:
    m = _COPYRIGHT.search(line)
    if m is None or len(line) > 200:
        return None
    name = _copyright_clause(line, m)
    return name if _copyright_fits(name) else None


def _copyright_clause(line: str, m: re.Match) -> str:
    """The clause of a copyright line that names the holder (unchecked)."""
    rest = line[m.end():]
    rest = _YEARS.sub(" ", rest)
    rest = _COPYRIGHT.sub(" ", rest)
    # The first clause that is not the rights notice: "© 2019 | All rights reserved |
    # Example", "Copyright 2020 by Example Group. All rights reserved."
    name = ""
    before = line[:m.start()].rstrip()
    if before and not before.endswith(":") and not any(  # not a label: "Foto: © ..."
            c.isalpha() for c in _RIGHTS.sub(" ", rest)):
        rest = before  # "Example News © 2013-2020. All rights reserved.": the name first
    for clause in _CLAUSE_END.split(rest.strip(_EDGE) + " ", maxsplit=3):
        clause = _BY.sub("", clause.strip(_EDGE))
        name = " ".join(_RIGHTS.split(clause, maxsplit=1)[0].split()).strip(_EDGE)
        if name or not _RIGHTS_CLAUSE.search(clause):
            break
    return name


def _copyright_names(line: str) -> list[str]:
    """The name a copyright line gives, and the capitalised words that open it when a
    lower-case tail follows them: "© 2020 Example Food on the Foodie Pro Theme", "© 2022
    EXAMPLE ist Teil der Example Verlag GmbH", "© 2000 – 2023 Example Nachrichten 2.6"."""
    m = _COPYRIGHT.search(line)
    if m is None or len(line) > 200:
        return []
    name = _copyright_clause(line, m)
    out = [name] if _copyright_fits(name) else []
    words = name.split()
    lead: list[str] = []
    for w in words:
        w = w.strip(_EDGE)
        if not (w[:1].isupper() or w[:1].isdigit() and any(c.isalpha() for c in w)
                or lead and w.casefold() in _JOINERS):
            break
        lead.append(w)
    while lead and lead[-1].casefold() in _JOINERS:
        lead.pop()
    if lead and len(lead) < len(words) and _copyright_fits(" ".join(lead)):
        out.append(" ".join(lead))
    return out


def _copyright_fits(name: str) -> bool:
    if not name or len(name.split()) > MAX_WORDS or not any(c.isalpha() for c in name):
        return False
    if " " in name:  # "Example A/S": the slash of a legal form is no credit's
        name = _LEGAL.sub("", name)
    # not a photo credit ("Agency/Photographer"), nor a sentence's tail
    return "/" not in name and (name[:1].isupper() or name[:1].isdigit() or "." in name)


def _is_name_line(line: str) -> bool:
    if len(line) > MAX_CHARS:  # the cheapest test first: most text is longer
        return False
    words = line.split()
    return (
        0 < len(words) <= MAX_WORDS
        and not line.endswith((".", "!", "?", ":"))
        and any(c.isalpha() for c in line)
        and not chrome.is_chrome(line)
        and not chrome.is_nav(line)
        and not chrome.is_related_label(line)
        and line.casefold() not in NOT_NAMES
    )


# Words a masthead position also holds on real pages: skip links, account and
# subscription prompts, section and menu labels. Compared whole-line, casefolded.
NOT_NAMES = frozenset(
    w.casefold()
    for w in (
        "Skip to content", "Skip to main content", "Skip navigation", "Jump to navigation",
        "Direkt zum Inhalt", "Zum Inhalt springen", "Navigation überspringen",
        "Aller au contenu", "Menu", "Menü", "Navigation", "Main menu", "Hauptmenü",
        "Subscribe", "Abonnieren", "Abo", "Sign in", "Anmelden", "Login", "Log in",
        "Register", "Registrieren", "Contact", "Contact Us", "Kontakt", "About", "About Us",
        "Über uns", "Impressum", "Datenschutz", "Privacy Policy", "Explore", "News",
        "Nachrichten", "Home", "Startseite", "Accueil", "Search", "Suche", "Suchen",
        "Recherche", "Toggle navigation", "Open menu", "Close menu", "Weather", "Sport",
        "Sports", "Politics", "Politik", "Business", "Wirtschaft", "Kultur", "Culture",
        "Opinion", "Meinung", "Video", "Videos", "Podcasts", "Newsletter", "Shop",
        "Blog", "Archive", "Archiv", "Topics", "Themen", "Sections", "Rubriken",
        "Cookie settings", "Cookie Einstellungen", "Cookies", "Refresh", "Sign out",
        "Log out", "Abmelden", "Copy link", "Link kopieren", "Close", "Schließen", "Fermer",
        "Got it", "Verstanden", "Accept", "Akzeptieren", "Zum Inhalt wechseln",
    )
)

_RIGHTS_CLAUSE = re.compile(r"rights\s+reserved|rechte\s+vorbehalten|droits\s+réservés",
                            re.IGNORECASE)
# A title printed with the site's name after (or before) it.
_TITLE_SEP = re.compile(r"\s+[|–—:·•»-]{1,2}\s+")
_SEP_CHAR = re.compile(r"[|–—:·•»-]")  # a cheap scan first: most lines hold no separator
# A line that speaks of the site by name: "Contact Example", "About Example".
_ADDRESS = re.compile(
    r"^(?:contact|about|follow|welcome\s+to|search|subscribe\s+to|neu\s+bei|"
    r"willkommen\s+(?:bei|auf)|bienvenue\s+(?:sur|à|chez)|folgen\s+sie|"
    r"support|join|the\s+best\s+of|über|kontakt|mehr\s+von|à\s+propos\s+de|"
    r"newsletter|download\s+the|discover|"
    r"entdecken\s+sie(?:\s+d(?:en|ie|as))?|jobs\s+(?:at|bei)|mehr\s+aus)"
    r"\s+(?P<name>.+)$",
    re.IGNORECASE,
)
# A host in a URL or an e-mail address: the page's own domain is printed in its footer.
_HOST = re.compile(
    r"(?:https?://|@|\bwww\.)((?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6})\b"
    r"|(?<![\w.@/-])([\w-]{3,}\.(?:com|net|org|de|at|ch|fr|it|es|nl|be|eu|uk|co\.uk|"
    r"info|io|news|online|blog|ca|us|in|au|pl|cz|se|dk|no|fi|pt|ru|jp|cn|br))(?![\w.-])",
    re.IGNORECASE)
# "Example on Facebook", "Folgen Sie Example auf Instagram".
_SOCIAL = re.compile(
    r"^(?:follow\s+|folgen\s+sie\s+|suivez\s+)?(?P<name>.+?)\s+(?:on|auf|sur|en|su)\s+"
    r"(?:facebook|twitter|x|instagram|youtube|linkedin|tiktok|pinterest|mastodon|threads)$",
    re.IGNORECASE,
)
# A breadcrumb trail: "Example > Sport > Football >"; its first crumb is the site's home.
_CRUMB = re.compile(r"\s*[>›]\s*")
_DOT_LETTER = re.compile(r"\.[^\W\d_]")  # in every host: a cheap test before _HOST
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)

FEATURES = (
    "bias", "top", "first_line", "bottom", "whole_lines", "suffix", "prefix", "copyright",
    "address", "domain", "mentions", "words", "chars", "title_case", "upper", "digits",
    "before_headline", "top_rank", "sources", "in_footer_text", "lower_start", "ngram",
    "rel_mentions", "legal", "rel_ngram", "ui_word", "domain_of_other",
    "in_menu", "host", "host_match", "with_legal", "bylined", "lower_elsewhere",
    "only_ngram", "family", "in_longer", "has_shorter", "copyright_only", "prose_share",
    "crumb", "own_line", "top_and_bottom", "top_and_named", "name_of_domain",
    "bare_domain",
)
# A company's legal form, dropped to give the name the page prints elsewhere.
_LEGAL = re.compile(
    r"\s*,?\s+(?:gmbh(?:\s*&\s*co\.?\s*kg)?|ag|kg|e\.\s?v\.|ltd\.?|limited|inc\.?|llc|"
    r"plc|s\.a\.|sa|sas|sarl|s\.r\.l\.|srl|spa|s\.p\.a\.|b\.v\.|bv|ab|as|oy|corp\.?|"
    r"co\.?|pty|media\s+group(?:\s+limited)?|verlag|dac|ug|mbh|e\.\s?v|gbr|kgaa|n\.?v\.?|"
    r"a/s|aps|asa|pte|s\.l\.?|group|media)$",
    re.IGNORECASE,
)
# The last word of every legal form ``_LEGAL`` knows, without its full stop: a name that
# ends otherwise skips the regex, which tries its alternatives at every space.
_LEGAL_LAST = frozenset({
    "gmbh", "kg", "ag", "v", "e.v", "ltd", "limited", "inc", "llc", "plc", "s.a", "sa", "sas",
    "sarl", "s.r.l", "srl", "spa", "s.p.a", "b.v", "bv", "ab", "as", "oy", "corp", "co", "pty",
    "group", "verlag", "dac", "ug", "mbh", "gbr", "kgaa", "n.v", "nv", "a/s", "aps", "asa",
    "pte", "s.l", "media"})


def _legal_last(name: str) -> bool:
    last = name.rsplit(None, 1)[-1].casefold().rstrip(".")
    return last in _LEGAL_LAST or last.endswith("kg")


# Interface words: a candidate holding one is a menu or skip link, not a name.
_UI = chrome.UI_WORDS | NOT_NAMES | frozenset(
    w.casefold() for n in NOT_NAMES for w in n.split() if len(w) > 3)
# A parenthesised abbreviation or address after a name: "Example Union (EXU)".
_PAREN = re.compile(r"\s*\([^()]*\)?\s*$")
_PRONOUNS = frozenset({"us", "uns", "nous", "me", "mich", "moi", "nosotros", "noi"})


# Platforms every page links to (share bars, "Powered by") and the stock-photo libraries
# its picture credits name: never the site itself.
_PLATFORMS = frozenset({
    "gettyimages", "getty", "shutterstock", "istock", "istockphoto", "imago", "alamy",
    "picturealliance", "unsplash", "pixabay", "pexels", "adobestock", "fotolia",
    "depositphotos", "dreamstime", "123rf",
    "facebook", "twitter", "x", "instagram", "youtube", "linkedin", "pinterest", "tiktok",
    "whatsapp", "telegram", "reddit", "xing", "flipboard", "mastodon", "threads", "bluesky",
    "wordpress", "blogger", "google", "apple", "spotify", "soundcloud", "vimeo", "tumblr",
    "disqus", "gravatar", "feedburner", "addthis", "sharethis", "paypal", "amazon",
})
# Interface phrases inside a line, in the languages of the pages we read: skip links,
# menus, account and social prompts, legal notices. A line that holds one is a control
# or a notice, never a publisher's name ("Skip to main news content", "Hauptnavigation",
# "Sign in / Join", "240.000 Follower", "Alle Inhalte sind urheberrechtlich geschützt",
# "Besucht uns": a prompt that ends by addressing "us" is the page talking, not its name).
_INTERFACE = re.compile(
    r"skip\s+to|jump\s+to|zum\s+(?:haupt)?inhalt|springe?\s+zu|aller\s+au|saltar\s+a|"
    r"vai\s+al|passer\s+au|navigation|navegação|navegación|navigazione|menü|\bmenu|"
    r"\bsign[\s-]?(?:in|up|out)\b|\blog[\s-]?(?:in|out)\b|\banmelden\b|\bregistrier|"
    r"\bmy\s+account|mein\s+konto|e-paper|notification|follower|abonn(?:ent|ement)|"
    r"gefällt\s+mir|\s(?:us|uns|nous)$|"
    r"teilen\s+sie|\bshare\b|rights\s+reserved|droits\s+r[ée]serv|rechte\s+vorbehalten|"
    r"urheberrecht|datenschutz|cookie|impressum|privacy|\bterms\b|"
    r"\bsubmit\b|\bbutton\b|search\s+for|for:\s*search|suche\s+nach|compartir|partager|"
    r"condividi|startseite|"
    r"^(?:fotos?|photos?|bild|bilder|images?|credits?|quelle|source)\s*:",
    re.IGNORECASE,
)
# What every match of ``_INTERFACE`` holds once lowered, on a cleaned name (one space
# between words): a name without any of it skips the long case-blind alternation, which
# tries each alternative at every position. "ı" and "ſ" match "i" and "s" under
# IGNORECASE but lower to themselves; "İ" lowers to "i" and a combining dot.
_INTERFACE_HINT = re.compile(  # (grouped by first letter: fewer branches per position)
    "s(?:kip to|pringe? zu|altar a|ign[ -]?(?:in|up|out)|hare|ubmit|earch for|uche nach|"
    "tartseite|ource)|jump to|zum (?:haupt)?inhalt|a(?:ller au|nmelden|bonn)|vai al|"
    "p(?:asser au|rivacy|hoto|artager)|nav(?:ig|eg)|men[uü]|log[ -]?(?:in|out)|"
    "r(?:egistrier|ights reserved|echte vorbehalten)|e-paper|notification|"
    "f(?:ollower|oto|or:)|gefällt mir|t(?:eilen sie|erms)|d(?:roits r|atenschutz)|"
    "urheberrecht|c(?:ookie|redit|ompartir|ondividi)|i(?:mpressum|mage)|b(?:ild|utton)|"
    "quelle|m(?:y account|ein konto)|ı|ſ|\u0307")


def _interface(name: str) -> bool:
    """``_INTERFACE.search(name)``, quickly ruled out for most lines."""
    low = name.lower()
    if not (low.endswith(("us", "ns")) or _INTERFACE_HINT.search(low)):
        return False
    return _INTERFACE.search(name) is not None


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a date or a copyright span, never a name
_NON_WORD = re.compile(r"\W+")
_LINE_WORDS = re.compile(r"[\w\n]+")
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+(.+)$", re.IGNORECASE)


def _key(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(_EDGE)


@lru_cache(maxsize=16384)
def _accept(text: str) -> tuple[str, str, str] | None:
    """(name, name without its legal form or "", key) when ``text`` can name a site;
    cached, as a page repeats its short lines."""
    name = _clean(text)
    if not name[:1].isalnum() or not _is_name_line(name):
        return None
    key = _key(name)
    folded = name.casefold()
    if (folded in _PRONOUNS or folded in _JOINERS or _A_YEAR.search(name)
            or (_key(name.split(".")[0]) if "." in name else key) in _PLATFORMS
            or _interface(name)):
        return None
    bare = _PAREN.sub("", name) if "(" in name else name
    if " " in bare and _legal_last(bare):  # a legal form follows the name after a space
        bare = _LEGAL.sub("", bare).strip(_EDGE)
    return name, bare if bare != name and bare else "", key


def candidates(lines: Sequence[str], headline: int) -> tuple[list[str], list[list[float]]]:
    """Every name the page may print for its site, with one feature row (``FEATURES``)
    each: where it is printed and how often."""
    n = len(lines)
    found: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    shown: dict[str, str] = {}

    def add(text: str, where: str, i: int) -> None:
        got = _accept(text)
        if got is None:
            return
        name, bare, k = got
        if bare:  # "Example Verlag GmbH & Co. KG" -> "Example Verlag" -> "Example"
            add(bare, "legal", i)
        if len(k) < 3:
            return
        shown.setdefault(k, name)
        f = found[k]
        f[where] += 1
        if where in ("top", "bottom", "line") and 0 < i < n - 1 and (
            len(lines[i - 1]) <= 24 and len(lines[i + 1]) <= 24
        ):
            f["menu"] += 1  # a line among short lines: a menu item, more often than not
        f["first"] = min(f.get("first", n), i)

    counts = Counter(lines)
    ngrams: Counter = Counter()
    hosts: set[str] = set()  # keys of the hosts the page links or mails to, with and without TLD
    for i, line in enumerate(lines):
        top, bottom = i < TOP, i >= n - BOTTOM
        short = len(line) <= MAX_CHARS
        if short and (top or bottom or counts[line] > 1):
            add(line, "top" if top else "bottom" if bottom else "line", i)
        if len(line) <= 300 and _SEP_CHAR.search(line):
            parts = _TITLE_SEP.split(line)
            if len(parts) >= 2 and not chrome.is_nav(line):
                add(parts[-1], "suffix", i)
                add(parts[0], "prefix", i)
        if len(line) <= 300 and (">" in line or "›" in line):
            crumbs = _CRUMB.split(line)
            if len(crumbs) >= 3:
                add(crumbs[0], "crumb", i)
        if short:
            m = _ADDRESS.match(line)
            last = line.rsplit(None, 1)[-1:]
            if m is None and last and last[0].casefold() in _PLATFORMS:
                m = _SOCIAL.match(line)  # "Example on Facebook": a platform's name last
            if m:
                add(m.group("name"), "address", i)

        if len(line) <= 300 and "." in line and _DOT_LETTER.search(line):
            for a, b in _HOST.findall(line):
                host = (a or b).removeprefix("www.")
                hosts.add(_key(host))
                hosts.add(_key(host.rsplit(".", 1)[0]))
                # printed as text ("example.com"), not only inside a link or an address
                add(host, "host" if a else "bare", i)
        if ("©" in line or _COPYRIGHT.match(line)) and (
            _YEARS.search(line) or _RIGHTS_CLAUSE.search(line) or _COPYRIGHT.match(line)
        ):
            for name in _copyright_names(line):
                add(name, "copyright", i)
        if len(line) <= NGRAM_CHARS:
            for run in _runs(line):
                ngrams[run] += 1
                if ngrams[run] == 2:
                    add(run, "ngram", i)
    # Weak evidence alone is noise more often than a name, and most of the ranker's time:
    # a capitalised run printed inside two lines and nowhere else (a quarter of all
    # candidates, one in a thousand the site's name) unless one of them is the run alone
    # (a masthead printed once below the menu), a short line repeated mid-page, a footer
    # line printed once (a menu item of the footer).
    for k in [k for k, f in found.items()
              if _weak(f, ngrams[shown[k]]) and not (f.keys() == _NGRAM_ONLY
                                                    and shown[k] in counts)]:
        del found[k]
    if not found:
        return [], []
    # Every line's key at once: one pass of the regex over the page, not one per line.
    # (Spaces first, by str.replace, then the runs of word characters kept: cheaper than
    # a regex that removes every space and stop one match at a time.)
    joined = "".join(_LINE_WORDS.findall("\n".join(lines).casefold().replace(" ", "")))
    folded = joined.split("\n")
    if len(folded) != n:  # a line that holds a line break of its own
        folded = [_key(x) for x in lines]
        joined = "\n".join(folded)
    # What follows "By"/"Von" is an author (or an agency), not the site that prints it.
    bylined = {_key(m.group(1)) for line in lines if len(line) <= 80
               for m in [_BYLINE.match(line)] if m}
    footer = " ".join(folded[max(0, n - BOTTOM):])
    names, rows = [], []
    # How often each candidate is printed anywhere, in one scan of the page per candidate.
    raw = " ".join(lines)
    tokens = set(raw.split(" "))
    whole_counts = Counter(folded)
    printed = {k: joined.count(k) for k in found}
    most = max(printed.values()) or 1
    prose = "\n".join(k for k, x in zip(folded, lines, strict=True) if len(x) > PROSE_CHARS)
    words = {k: _words(shown[k]) for k in found}
    family = _families(lines, set(words.values()))
    contains = _containment(words, printed)
    top_ngram = max(ngrams.values(), default=1)
    stems = {_key(shown[k].rsplit(".", 1)[0]) for k in found if _traits(shown[k])[0]}
    for k, f in found.items():
        name = shown[k]
        traits = _traits(name)
        whole = whole_counts[k]
        mentions = printed[k] - whole
        sources = len(_SOURCES.intersection(f))
        names.append(name)
        rows.append([
            1.0,
            1.0 if f.get("top") else 0.0,
            1.0 if folded and folded[0] == k else 0.0,
            1.0 if f.get("bottom") else 0.0,
            math.log1p(whole) / 2,
            math.log1p(f.get("suffix", 0)) / 2,
            math.log1p(f.get("prefix", 0)) / 2,
            1.0 if f.get("copyright") else 0.0,
            1.0 if f.get("address") else 0.0,
            traits[0],
            math.log1p(mentions) / 3,
            *traits[1:6],
            1.0 if f["first"] < headline else 0.0,
            math.log1p(f["first"]) / 6,
            sources / 3,
            1.0 if k in footer else 0.0,
            traits[6],
            math.log1p(ngrams.get(name, 0)) / 3,
            printed[k] / most,
            1.0 if f.get("legal") else 0.0,
            ngrams.get(name, 0) / top_ngram,
            traits[7],
            1.0 if traits[0] and _key(name.rsplit(".", 1)[0]) in found else 0.0,
            f.get("menu", 0) / max(f.get("top", 0) + f.get("bottom", 0) + f.get("line", 0), 1),
            1.0 if f.get("host") or f.get("bare") else 0.0,
            1.0 if k in hosts and not f.get("host") and not f.get("bare") else 0.0,
            traits[8],  # a shorter form without "GmbH" is printed too
            1.0 if k in bylined else 0.0,
            # A common word ("This", "Body") is printed in lower case in the text too.
            1.0 if name[:1].isupper() and _printed_lower(name, raw, tokens) else 0.0,
            1.0 if f.get("ngram") and sources == 1 else 0.0,
            math.log1p(family.get(words[k], 0)) / 2,
            contains[k][0],
            contains[k][1],
            1.0 if f.get("copyright") and sources == 1 else 0.0,
            # printed only as lines of its own: never inside a paragraph
            min(1.0, prose.count(k) / printed[k]) if mentions > 0 else 0.0,
            1.0 if f.get("crumb") else 0.0,
            1.0 if whole else 0.0,
            1.0 if "top" in f and "bottom" in f else 0.0,
            # a masthead that a title suffix, copyright or address line names again
            1.0 if "top" in f and not _NAMED.isdisjoint(f) else 0.0,
            # the name whose domain the page prints too: "Example" beside "example.com"
            1.0 if k in stems else 0.0,
            # a domain printed as text ("example.com"), not only inside a link or address
            1.0 if f.get("bare") else 0.0,
        ])
    return names, rows


# The places that count as independent evidence for a name (``sources``).
_SOURCES = frozenset({"top", "bottom", "suffix", "prefix", "copyright", "address", "ngram",
                      "host", "bare", "crumb"})
PROSE_CHARS = 100  # a line this long is a paragraph: a name in it is mentioned, not shown
FAMILY_CHARS = 60  # a line of a list of services: a name and a word or two


def _words(name: str) -> str:
    """The name as casefolded words without edge punctuation, one space between them."""
    return " ".join(w for w in (w.strip(_EDGE) for w in name.casefold().split()) if w)


_NGRAM_ONLY = frozenset({"ngram", "first"})
_NAMED = frozenset({"suffix", "copyright", "address"})



def _weak(f: dict[str, float], ngram: int) -> bool:
    """Whether a candidate's only evidence is too weak to keep it (see ``candidates``)."""
    where = f.keys() - {"first", "menu"}
    return (where == {"ngram"} and ngram < NGRAM_MIN or where == {"line"}
            or where == {"bottom"} and f["bottom"] == 1 and not ngram)


def _families(lines: Sequence[str], wanted: set[str] | None = None) -> Counter:
    """For each run of 1-4 words: how many distinct short lines open or close with it
    followed (preceded) by more words, as a site's own services are listed ("Example
    Jobs", "Example Events", "Jobs at Example"). With ``wanted``, only those runs are
    counted: a line whose first (last) word opens (closes) none of them is skipped."""
    out: Counter = Counter()
    firsts = lasts = None
    if wanted is not None:
        firsts = {w.split(" ", 1)[0] for w in wanted}
        lasts = {w.rsplit(" ", 1)[-1] for w in wanted}
    for line in dict.fromkeys(x for x in lines if len(x) <= FAMILY_CHARS):
        ws = line.casefold().split()
        if not 2 <= len(ws) <= 8:
            continue
        if firsts is not None and lasts is not None:
            first, last = ws[0].strip(_EDGE), ws[-1].strip(_EDGE)
            if first and last and first not in firsts and last not in lasts:
                continue  # neither end can open or close a wanted run
        ws = [w for w in (w.strip(_EDGE) for w in ws) if w]
        top = min(4, len(ws) - 1) + 1
        if top < 2:
            continue
        if firsts is None or ws[0] in firsts:
            for j in range(1, top):
                out[" ".join(ws[:j])] += 1
        if lasts is None or ws[-1] in lasts:
            for j in range(1, top):
                out[" ".join(ws[-j:])] += 1
    return out


def _containment(words: dict[str, str], printed: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Per candidate: (how much of its printing a longer candidate that holds it accounts
    for, how much of a shorter candidate's printing it accounts for). "BBC" printed five
    times, four of them as "BBC News": the page's name is the longer form."""
    by_word: dict[str, list[str]] = defaultdict(list)
    for k, w in words.items():
        for word in set(w.split()):
            by_word[word].append(k)
    out = {}
    for k, w in words.items():
        inner = longer = 0.0
        first = w.split(" ", 1)[0] if w else ""
        for other in by_word.get(first, ()):
            o = words[other]
            if other == k or len(o) <= len(w) or f" {w} " not in f" {o} ":
                continue
            if printed[k]:
                longer = max(longer, min(1.0, printed[other] / printed[k]))
        for word in set(w.split()):
            for other in by_word[word]:
                o = words[other]
                if other == k or len(o) >= len(w) or f" {o} " not in f" {w} ":
                    continue
                if printed[other]:
                    inner = max(inner, min(1.0, printed[k] / printed[other]))
        out[k] = (longer, inner)
    return out


def _printed_lower(name: str, raw: str, tokens: set[str]) -> bool:
    """Whether the page prints ``name`` in lower case as words of its own."""
    low = name.lower()
    return low in tokens if " " not in low else f" {low} " in raw


@lru_cache(maxsize=8192)
def _traits(name: str) -> tuple[float, ...]:
    """The features a candidate's own text decides (domain, words, characters, case,
    digits, interface word, legal form); cached, as pages share their menu words."""
    words = name.split()
    return (
        1.0 if _DOMAIN.match(name) else 0.0,
        len(words) / MAX_WORDS,
        math.log1p(len(name)) / 4,
        sum(1 for w in words if w[:1].isupper()) / len(words),
        1.0 if name.isupper() else 0.0,
        1.0 if any(c.isdigit() for c in name) else 0.0,
        1.0 if name[:1].islower() else 0.0,
        1.0 if any(w.casefold().strip(_EDGE) in _UI for w in words) else 0.0,
        1.0 if (got := _accept(name)) is not None and got[1] else 0.0,
    )


@lru_cache(maxsize=8192)
def _runs(line: str) -> tuple[str, ...]:
    """The distinct capitalised runs of a line, in the order printed (a set's order would
    vary from run to run); cached, as pages repeat their menus."""
    return tuple(dict.fromkeys(_capital_runs(line)))


def _capital_runs(line: str) -> list[str]:
    """Runs of up to four capitalised words (or words with digits; "of", "für" may join
    them), with and without their first word: names inside longer lines ("Subscribe to
    Example on YouTube", "Redaktion Example.com")."""
    out: list[str] = []
    run: list[str] = []
    for w in line.split():
        w = w.strip(_EDGE)
        c0 = w[:1]
        if c0.isupper() or (c0.isdigit() and any(c.isalpha() for c in w)):
            run.append(w)
        elif run:  # a lower-case word: it joins the run ("of") or ends it
            if w.casefold() in _JOINERS:
                run.append(w)
            else:
                _end_run(run, out)
                run = []
    if run:
        _end_run(run, out)
    return out


def _end_run(run: list[str], out: list[str]) -> None:
    """Append a finished run (without the joiners it ends with), and the run without its
    first or last word: "Redaktion Example" is a label then a name, "Example Newsletter"
    a name then a label."""
    while run and run[-1].casefold() in _JOINERS:
        run.pop()
    if run and len(run) <= 4:
        out.append(" ".join(run))
        if len(run) > 1 and run[1].casefold() not in _JOINERS:
            out.append(" ".join(run[1:]))
        if len(run) > 2 and run[-2].casefold() not in _JOINERS:
            out.append(" ".join(run[:-1]))


# Small words that sit inside names ("Bank of England", "Bundesamt für Strahlenschutz").
_JOINERS = frozenset({"of", "the", "and", "&", "for", "für", "und", "der", "die", "das",
                      "des", "de", "du", "la", "le", "les", "di", "del", "y", "e", "et"})


@cache
def weights() -> dict:
    data = resources.files("feeds").joinpath("data/textsite.json").read_text(encoding="utf-8")
    return json.loads(data)


def probabilities(model: dict, rows: Sequence[Sequence[float]]) -> list[float]:
    """P(each row's candidate is the site's name): a softmax over the page's candidates
    and "none of them" (score 0), as the ranker was trained (a conditional logit)."""
    w = model["weights"]
    z = [sum(map(operator.mul, w, row)) for row in rows]
    top = max(0.0, *z)
    e = [math.exp(v - top) for v in z]
    total = sum(e) + math.exp(-top)
    return [v / total for v in e]


def plausible(line: str) -> bool:
    """A line that can name a site: short, not a sentence, no interface word in it."""
    got = None if line.rstrip().endswith((".", "?", ":")) else _accept(line)
    return got is not None and not any(
        w.casefold().strip(_EDGE) in _UI for w in got[0].split())


def site_name(lines: Sequence[str], headline: int) -> str | None:
    """The publisher's name: the candidate the ranker finds likeliest, when it is likely
    enough; None when the page does not say (the capture's folder names the site then)."""
    names, rows = candidates(lines, headline)
    if not names:
        return None
    model = weights()
    scores = probabilities(model, rows)
    # An interface word ("Anzeige", "Über uns") never names a feed, however it scores:
    # left out here, not from the rows the ranker is trained on.
    best = chrome.best_not_interface(names, scores)
    if best is None:
        return None
    return names[best] if scores[best] >= model["threshold"] else None
