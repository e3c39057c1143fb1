from datetime import UTC, date, datetime, timedelta, timezone

from feeds.dates.context import DateContext
from feeds.dates.evidence import capture
from feeds.model import Implies
from tests.dates.helpers import article, story


def test_every_capture_and_the_run_bound_from_above():
    a = article("x", source="a", captured_at=datetime(2024, 3, 9, 12, tzinfo=UTC))
    b = article("x", source="b", captured_at=datetime(2024, 3, 7, 12, tzinfo=UTC))
    ctx = DateContext(captured_at=datetime(2024, 4, 1, tzinfo=UTC))
    found = capture.find(story(a, b), ctx)
    assert [(e.source, e.implies, e.latest) for e in found] == [
        ("a", Implies.UPPER, date(2024, 3, 9)),
        ("b", Implies.UPPER, date(2024, 3, 7)),
        ("context", Implies.UPPER, date(2024, 4, 1)),
    ]


def test_capture_day_is_the_later_of_local_and_utc():
    late_evening = datetime(2024, 3, 9, 22, tzinfo=timezone(timedelta(hours=-5)))
    (ev,) = capture.find(story(article("x", captured_at=late_evening)), DateContext())
    assert ev.latest == date(2024, 3, 10)


def test_render_day_prefers_capture_time_then_banner_then_run():
    ctx = DateContext(captured_at=datetime(2030, 1, 1, tzinfo=UTC))
    assert capture.render_day(article("x", banner="5 May 2024"), ctx) == date(2024, 5, 5)
    assert capture.render_day(article("x"), ctx) == date(2030, 1, 1)
    assert capture.render_day(article("x"), DateContext()) is None
