from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from feeds.dates.context import DateContext
from feeds.dates.evidence import capture
from feeds.model import Implies
from tests.dates.helpers import article, story


def test_every_capture_and_the_run_bound_from_above():
    a = article("x", source="a", captured_at=datetime(2024, 3, 9, 8, tzinfo=UTC))
    b = article("x", source="b", captured_at=datetime(2024, 3, 7, 8, tzinfo=UTC))
    ctx = DateContext(captured_at=datetime(2024, 4, 1, tzinfo=UTC))
    found = capture.find(story(a, b), ctx)
    assert [(e.source, e.implies, e.latest) for e in found] == [
        ("a", Implies.UPPER, date(2024, 3, 9)),
        ("b", Implies.UPPER, date(2024, 3, 7)),
        ("context", Implies.UPPER, date(2024, 4, 1)),
    ]


@pytest.mark.parametrize("instant, day", [
    (datetime(2024, 3, 9, 8, tzinfo=UTC), date(2024, 3, 9)),
    # a publisher in a zone 14 hours ahead may already date its page the 10th
    (datetime(2024, 3, 9, 12, tzinfo=UTC), date(2024, 3, 10)),
    (datetime(2024, 3, 9, 22, tzinfo=timezone(timedelta(hours=-5))), date(2024, 3, 10)),
    (datetime(2024, 3, 9, 22), date(2024, 3, 9)),
])
def test_capture_bound_allows_for_the_publishers_zone(instant, day):
    (ev,) = capture.find(story(article("x", captured_at=instant)), DateContext())
    assert ev.latest == day


def test_render_day_prefers_capture_time_then_banner_then_run():
    ctx = DateContext(captured_at=datetime(2030, 1, 1, tzinfo=UTC))
    assert capture.render_day(article("x", banner="5 May 2024"), ctx) == date(2024, 5, 5)
    assert capture.render_day(article("x"), ctx) == date(2030, 1, 1)
    assert capture.render_day(article("x"), DateContext()) is None
