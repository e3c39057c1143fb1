"""Text hygiene: characters XML cannot carry, whitespace, and mis-decoded text (mojibake).

Captures come from anywhere, so their text may hold NUL bytes, terminal escapes, lone
surrogates or UTF-8 that was once decoded as Windows-1252. One invalid character makes a
whole feed unreadable to a strict parser, so these functions run where text enters the
parser and again just before anything is serialised.
"""

from __future__ import annotations

import os
import re
import unicodedata

import ftfy

# Outside the XML 1.0 ``Char`` production (C0 controls but tab, LF and CR; surrogates;
# U+FFFE/U+FFFF), plus what XML and HTML both discourage: DEL, C1 controls and the
# other noncharacters. None of them is text a reader should see.
_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
# The same set within the Basic Multilingual Plane: a compact character class, so the
# scan of ordinary text is fast; the full class runs only on text with astral characters.
_ILLEGAL_BMP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Terminal colour and cursor sequences: removing only the ESC would leave "[31m" behind.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
# Characters that end a line in some convention: all become "\n" before lines are split.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Invisible characters with no meaning in plain text (zero-width joiners are kept: emoji
# and several scripts need them).
INVISIBLE_CHARS = "\u200b\u2060\ufeff\u00ad"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# Any run of whitespace but a newline, NBSP included, that is not already one space: a
# lone space (most of them) is left in place rather than replaced by itself.
_SPACES = re.compile(r" [^\S\n]+|[^\S\n ][^\S\n]*")
# What either pattern needs to find: substring tests rule most texts out far faster than a
# scan by the pattern (Unicode has no whitespace above U+3000).
_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_OTHER_SPACES = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")

# ftfy, limited to undoing wrong decodings: quotes, ligatures, widths and HTML entities
# in the capture are content and stay as they are.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# UTF-8 read as Windows-1252 or Latin-1 always shows a lead byte (Â..ô) followed by a
# continuation byte (0x80..0xBF as Latin-1 or Windows-1252 characters); only text with
# such a pair is handed to ftfy, so ordinary accented text costs one regex scan.
_CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"  # Windows-1252's 0x80-0x9F
_CONTINUATION = "\u0080-\u00bf" + _CP1252_SPECIALS
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# The same search on the text's UTF-8 bytes: every lead letter encodes as 0xC3 and a
# second byte, so the search skips ahead to 0xC3 bytes, where the pattern above tests each
# character of a page against its class (about a quarter of the cost of reading an HTML
# page that needs no repair). A 0xC3 byte only ever opens a character, so a match found
# in the bytes is one found in the text.
_MOJIBAKE_HINT_UTF8 = re.compile(
    b"\xc3[\x82-\xb4](?:"
    + b"|".join(re.escape(c.encode()) for c in sorted(
        {chr(x) for x in range(0x80, 0xC0)} | set(_CP1252_SPECIALS)))
    + b")")


def _hints_mojibake(text: str) -> bool:
    """``_MOJIBAKE_HINT.search(text)``, read on the UTF-8 bytes."""
    return not text.isascii() and _MOJIBAKE_HINT_UTF8.search(
        text.encode("utf-8", "surrogatepass")) is not None


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_HIGH = re.compile("[\U0001fffe-\U0010ffff]")


def _illegal(text: str) -> re.Pattern[str]:
    return _ILLEGAL if not text.isascii() and _ASTRAL.search(text) else _ILLEGAL_BMP


# The noncharacters outside the BMP are all at U+1FFFE or above. A class holding them
# one by one is slow to scan (about ten times the BMP class on a page with emoji), so
# ``xml_safe`` looks for one range instead and removes them only from text that has any.
_ILLEGAL_ASTRAL = re.compile("[" + _NONCHARACTERS[2:] + "]")
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe-\U0010ffff]"
)


# _SUSPECT in UTF-8: the controls are single bytes, deleted by one table pass; the rest
# open with a byte that few texts hold (C1 controls and the surrogates U+D800-DFFF, which
# "surrogatepass" writes, by two; U+FDD0-FDEF, U+FFFE and U+FFFF by three; U+1FFFE on by
# four), each searched only where its first byte is.
_CONTROL_BYTES = bytes((*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_SUSPECT_AFTER = (
    (b"\xc2", re.compile(rb"\xc2[\x80-\x9f]")),
    (b"\xed", re.compile(rb"\xed[\xa0-\xbf]")),
    (b"\xef", re.compile(rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])")),
    (b"\xf0", re.compile(rb"\xf0(?:[\xa0-\xbf]|\x9f\xbf[\xbe\xbf])")),
)
LONG_TEXT = 4096  # characters: below this, the pattern's one scan costs less than encoding


def suspect(text: str) -> bool:
    """Whether ``text`` holds a character of ``_SUSPECT``. A long text (a whole page) is
    read as UTF-8, where the pattern's test of each character against its ranges is
    replaced by a table pass and a few byte searches: about a third of the time."""
    if len(text) < LONG_TEXT:
        return _SUSPECT.search(text) is not None
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw.translate(None, _CONTROL_BYTES)) != len(raw):
        return True
    if text.isascii():
        return False
    return (any(lead in raw and pattern.search(raw) for lead, pattern in _SUSPECT_AFTER)
            or b"\xf1" in raw or b"\xf2" in raw or b"\xf3" in raw or b"\xf4" in raw)


def xml_safe(text: str) -> str:
    """``text`` without any character that XML 1.0 forbids or discourages."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if not suspect(text):  # most text: one scan, nothing to remove
        return text
    text = _ILLEGAL_BMP.sub("", text)
    if not text.isascii() and _ASTRAL_HIGH.search(text):
        text = _ILLEGAL_ASTRAL.sub("", text)
    return text


def count_unsafe(text: str) -> int:
    """How many characters (or escape sequences) ``clean_lines`` removes; line-breaking
    controls (form feed, vertical tab, NEL) become line ends and are not counted."""
    if not suspect(text):  # nothing to remove (ESC and those controls included)
        return 0
    text = _LINE_BREAKS.sub("\n", text)
    escapes = 0
    if "\x1b" in text:
        escapes = len(_ANSI.findall(text))
        text = _ANSI.sub("", text)
    return escapes + len(_illegal(text).findall(text))


def clean_line(line: str) -> str:
    """One line, single-spaced and trimmed, with invisible characters removed."""
    return _SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


def clean_lines(text: str) -> list[str]:
    """Text -> XML-safe, NFC-normalised, single-spaced lines (blank lines kept as "")."""
    if any(c in text for c in _BREAK_CHARS):
        text = _LINE_BREAKS.sub("\n", text)
    text = xml_safe(text)
    text = unicodedata.normalize("NFC", text)
    # Whole-text passes: neither pattern matches a newline, so this equals clean_line
    # applied line by line, at a fraction of the calls.
    if not text.isascii():  # the invisible characters are all outside ASCII
        text = INVISIBLE.sub("", text)
    if "  " in text or any(c in text for c in _OTHER_SPACES):
        text = _SPACES.sub(" ", text)
    return [line.strip() for line in text.split("\n")]


MOJIBAKE_REPAIRED = "mis-decoded text (mojibake) repaired"


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 decoded as Windows-1252/Latin-1 (``â€™`` -> ``’``); True when it did.

    ftfy weighs each candidate repair against how plausible the text already is, so
    genuine accented text is left alone; a hand-written replace table cannot do that.
    """
    if not _hints_mojibake(text):
        return text, False
    fixed = _fix_lines(text)
    return fixed, fixed != text


_NOT_ASCII = re.compile("[^\x00-\x7f]")


def _fix_lines(text: str) -> str:
    """``ftfy.fix_text``, given only the lines that are not pure ASCII. ftfy fixes each
    line on its own (``fix_text`` cuts the text after every newline) and, with
    ``_FTFY``, leaves an ASCII line as it is; an HTML page is mostly ASCII lines of
    markup and script, which ftfy would otherwise look at one by one."""
    out: list[str] = []
    pos = 0
    while (found := _NOT_ASCII.search(text, pos)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1  # pos is a line start: start >= pos
        end = text.find("\n", found.start()) + 1 or len(text)
        out += (text[pos:start], ftfy.fix_text(text[start:end], _FTFY))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def from_filename(name: str) -> str:
    """A file or folder name as clean text. Python keeps undecodable name bytes as lone
    surrogates, which cannot even be encoded; they become U+FFFD, controls are dropped
    and any run of whitespace (line breaks included) becomes one space."""
    text = os.fsencode(name).decode("utf-8", errors="replace")
    return " ".join(INVISIBLE.sub("", xml_safe(text)).split())


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: controls, escapes and undecodable
    file-name bytes (lone surrogates) are shown as ``\\x..`` escapes."""
    out = []
    for char in text:
        if char.isprintable():  # False for controls, format characters and surrogates
            out.append(char)
        else:
            out.append(char.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used for comparing text: merge keys,
    and a reader telling whether two of a page's texts say the same thing."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        # Only the few distinct non-ASCII characters are looked up, not every character.
        marks = {c for c in set(_NON_ASCII.findall(text)) if unicodedata.combining(c)}
        if marks:
            text = text.translate(dict.fromkeys(map(ord, marks)))
    return " ".join(_WORD.findall(text.casefold()))
