"""Where an element is: its line from lxml, its column from the document's text.

lxml knows the line an element's start tag ends on, not the column, so the column is
found by looking for the start tag on that line (or the lines just before it, for a start
tag that spans several lines).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from feeds.validate.report import Finding, finding


@dataclass(frozen=True)
class Source:
    lines: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Source:
        return cls(tuple(text.split("\n")))

    def column(self, el: etree._Element) -> tuple[int, int | None]:
        """(line, column) of the element's start tag; column None if it cannot be found."""
        line = el.sourceline or 1
        name = f"<{el.prefix}:" if el.prefix else "<"
        name += etree.QName(el).localname
        for back in range(0, 4):
            n = line - back
            if n < 1 or n > len(self.lines):
                break
            text = self.lines[n - 1]
            pos = text.rfind(name)
            while pos >= 0:
                after = text[pos + len(name):pos + len(name) + 1]
                if after in ("", ">", "/") or after.isspace():
                    return n, pos + 1
                pos = text.rfind(name, 0, pos)
        return line, None

    def at(self, rule: str, el: etree._Element, message: str) -> Finding:
        """A finding placed at the element's start tag."""
        line, column = self.column(el)
        return finding(rule, line, message, column)

    def end(self, el: etree._Element) -> tuple[int, int | None]:
        """(line, column) of the element's end tag: where a missing child was due.

        Searched from the last descendant on; an empty-element tag ends where it starts.
        """
        last = list(el.iter())[-1]
        line = (last.sourceline or 1) + (last.text or "").count("\n")
        name = f"</{el.prefix}:" if el.prefix else "</"
        name += etree.QName(el).localname
        for n in range(line, min(line + 200, len(self.lines)) + 1):
            pos = self.lines[n - 1].find(name)
            if pos >= 0:
                return n, pos + 1
        return self.column(el)

    def at_end(self, rule: str, el: etree._Element, message: str) -> Finding:
        """A finding about something missing from the element: at its end tag."""
        line, column = self.end(el)
        return finding(rule, line, message, column)

    def text_line(self, el: etree._Element) -> int:
        """The line where the element's text (its value) ends: where a reader sees it."""
        line = el.sourceline or 1
        return line + (el.text or "").count("\n")


def name_of(el: etree._Element) -> str:
    """The element's name as written in the document: prefix:local or local."""
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local
