"""Frozen records <-> JSON values, for the build state and the article store.

Driven by each dataclass's type hints, so new fields need no code here. Records become
lists in field order (compact, and the state is discarded whenever the code changes, so
field order is always the writer's).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(kind: Any, value: Any) -> Any:
    """Rebuild a value of type ``kind`` from what ``encode`` gave."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(kind, type):
        if dataclasses.is_dataclass(kind):
            return kind(*(decode(h, v) for h, v in zip(_hints(kind), value, strict=True)))
        if issubclass(kind, Enum):
            return kind(value)
        if kind is datetime:
            return datetime.fromisoformat(value)
        if kind is date:
            return date.fromisoformat(value)
        if kind is float:
            return float(value)
    return value


@cache
def _hints(cls: type) -> tuple[Any, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(hints[f.name] for f in dataclasses.fields(cls) if f.init)
