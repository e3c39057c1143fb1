"""feeds: turn captured news pages into RSS 2.0, Atom 1.0 and OPML feeds."""

__version__ = "0.1.0"
