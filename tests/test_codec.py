"""The record codec of the build state and the article store: what it writes, and back."""

import json
from datetime import UTC, datetime

import pytest

from feeds.build.incremental import codec
from feeds.model import Article, Block, BlockKind, DateEstimate, Precision


def _article() -> Article:
    return Article(source="a.txt", headline="Bridge opens", site="Gazette",
                   blocks=(Block(BlockKind.PARAGRAPH, "One."), Block(BlockKind.QUOTE, "Two.")),
                   related=("Other",), captured_at=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
                   metadata=(("datePublished", "2024-05-01"),))


def test_records_become_lists_in_field_order_and_come_back_equal():
    article = _article()
    encoded = codec.encode(article)
    assert encoded[:3] == ["a.txt", "Bridge opens", "Gazette"]
    assert encoded[8] == [["paragraph", "One."], ["quote", "Two."]]
    assert encoded[9] == ["Other"]
    assert encoded[11] == "2024-05-01T09:30:00+00:00"
    assert encoded[13] == [["datePublished", "2024-05-01"]]
    assert codec.decode(Article, json.loads(json.dumps(encoded))) == article


def test_a_date_estimate_round_trips():
    day = datetime(2024, 5, 1, tzinfo=UTC)
    estimate = DateEstimate(day, day, day, Precision.DAY, 0.9)
    assert codec.decode(DateEstimate, json.loads(json.dumps(codec.encode(estimate)))) == estimate


def test_text_where_an_enum_is_declared_is_written_as_it_is():
    assert codec.encode(Block("paragraph", "x")) == ["paragraph", "x"]  # type: ignore[arg-type]


def test_a_record_stored_with_other_fields_is_refused():
    with pytest.raises(ValueError):
        codec.decode(Block, ["paragraph"])
