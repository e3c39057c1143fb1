"""Byte-level and XML-level checks shared by every format.

lxml refuses a document with an illegal character and says little about it, so the raw
text is scanned first: each bad byte or character is reported with its line, then
replaced (one character for one, so lines stay put) and the cleaned text is parsed,
letting the format checks still run on a file that has one stray control character.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lxml import etree

from feeds.validate.report import Finding, finding

MAX_REPORTED = 5  # per rule and file: the first few tell the story

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ENCODING_DECL = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_REF = re.compile(r"&#(?:x([0-9A-Fa-f]+)|([0-9]+));")


@dataclass(frozen=True)
class XmlResult:
    tree: etree._ElementTree | None
    findings: tuple[Finding, ...]
    text: str = ""  # the decoded document, for columns


def hardened_parser() -> etree.XMLParser:
    """No entity expansion, no network, no DTD loading, libxml2's default size limits."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        encoding="utf-8",  # the text was re-encoded; ignore what the declaration says
    )


def _is_xml_char(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _bad_bytes(data: bytes, encoding: str) -> list[Finding]:
    """One finding per undecodable byte run (the first few), at its line."""
    found: list[Finding] = []
    pos = 0
    while len(found) < MAX_REPORTED:
        try:
            data[pos:].decode(encoding)
            break
        except UnicodeDecodeError as err:
            start = pos + err.start
            line = data.count(b"\n", 0, start) + 1
            found.append(finding("xml-bad-encoding", line,
                                 f"byte 0x{data[start]:02X} at offset {start} is not {encoding}"))
            pos += max(err.end, err.start + 1)
    return found


def _decode(data: bytes) -> tuple[str, list[Finding]]:
    """The document's text in the encoding it declares (XML 1.0 §4.3.3; UTF-8 if none).

    Another encoding than UTF-8 is legal XML: it is reported at info level (an error
    under ``--strict``); bytes the encoding cannot decode are an error.
    """
    if data.startswith(_OTHER_BOMS):  # say it once, then check the rest as UTF-16 text
        problem = finding("xml-not-utf8", 1, "UTF-16 byte order mark: UTF-8 is what every "
                          "reader reads")
        return data.decode("utf-16", "replace").removeprefix("\ufeff"), [problem]
    found: list[Finding] = []
    encoding = "utf-8"
    declared = _ENCODING_DECL.match(data.removeprefix(_UTF8_BOM))
    if declared and not data.startswith(_UTF8_BOM):
        name = declared[1].decode("ascii", "replace")
        try:
            encoding = codecs.lookup(name).name
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            found.append(finding("xml-bad-encoding", 1, f"unknown encoding {name!r}"))
        if encoding not in ("utf-8", "utf-8-sig"):
            found.append(finding("xml-not-utf8", 1, f"declares encoding {name!r}: UTF-8 is "
                                 "what every reader reads"))
    found += _bad_bytes(data, encoding)
    text = data.decode(encoding, "replace").removeprefix("\ufeff")
    return text, found


def _clean_chars(text: str) -> tuple[str, list[Finding]]:
    found: list[Finding] = []

    def literal(m: re.Match[str]) -> str:
        if len(found) < MAX_REPORTED:
            found.append(finding("xml-illegal-char", _line_at(text, m.start()),
                                 f"character U+{ord(m[0]):04X} is not allowed in XML 1.0"))
        return "\ufffd"

    def reference(m: re.Match[str]) -> str:
        code = int(m[1], 16) if m[1] else int(m[2])
        if _is_xml_char(code):
            return m[0]
        if len(found) < MAX_REPORTED:
            found.append(finding("xml-illegal-char", _line_at(text, m.start()),
                                 f"character reference {m[0]} names a character XML 1.0 "
                                 "forbids"))
        return "&#xFFFD;"

    cleaned = _CHAR_REF.sub(reference, _ILLEGAL.sub(literal, text))
    return cleaned, found


def _parse_errors(log: etree._ListErrorLog) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for entry in log:
        if entry.level < etree.ErrorLevels.ERROR:
            continue
        undeclared = entry.type == etree.ErrorTypes.NS_ERR_UNDEFINED_NAMESPACE
        rule = "xml-undeclared-prefix" if undeclared else "xml-not-well-formed"
        if rule in seen:  # libxml2 cascades: the first error of a kind is the useful one
            continue
        seen.add(rule)
        found.append(finding(rule, entry.line, entry.message.strip()))
    return found


def check_xml(data: bytes) -> XmlResult:
    """Scan the bytes, then parse with the hardened parser; tree is None if it fails."""
    text, found = _decode(data)
    cleaned, illegal = _clean_chars(text)
    found += illegal
    parser = hardened_parser()
    try:
        root = etree.fromstring(cleaned.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        errors = _parse_errors(parser.error_log)
        if not errors:
            errors = [finding("xml-not-well-formed", 1, "the document could not be parsed")]
        return XmlResult(None, tuple(found + errors))
    found += _parse_errors(parser.error_log)  # e.g. undefined entities the parser let pass
    tree = root.getroottree()
    if tree.docinfo.doctype:
        line = _line_at(cleaned, max(cleaned.find("<!DOCTYPE"), 0))
        found.append(finding("xml-doctype", line, f"DOCTYPE {tree.docinfo.doctype!r} is ignored: "
                             "entities it declares are not expanded"))
    return XmlResult(tree, tuple(found), cleaned)
