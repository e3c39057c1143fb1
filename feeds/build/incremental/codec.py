"""Frozen records <-> JSON values, for the build state and the article store.

Driven by each dataclass's type hints, so new fields need no code here. Records become
lists in field order (compact, and the state is discarded whenever the code changes, so
field order is always the writer's). A converter is compiled once per type: the article
store decodes thousands of articles per build.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

Convert = Callable[[Any], Any]


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encoder(type(value))(value)
    return _encode_any(value)


def decode(kind: Any, value: Any) -> Any:
    """Rebuild a value of type ``kind`` from what ``encode`` gave."""
    return _decoder(kind)(value)


def _encode_any(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encoder(type(value))(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode_any(v) for v in value]
    return value


@cache
def _encoder(cls: type) -> Convert:
    names = tuple(f.name for f in dataclasses.fields(cls))
    plain = (str, int, float, bool, type(None))

    def convert(value: Any) -> list[Any]:
        out = []
        for name in names:
            v = getattr(value, name)
            out.append(v if isinstance(v, plain) else _encode_any(v))
        return out

    return convert


@cache
def _decoder(kind: Any) -> Convert:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        inner = _decoder(options[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(map(item, v))
        parts = tuple(_decoder(a) for a in args)
        return lambda v: tuple(p(x) for p, x in zip(parts, v, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [f for f in dataclasses.fields(kind) if f.init]
        parts = tuple(_decoder(hints[f.name]) for f in fields)
        return lambda v: kind(*[p(x) for p, x in zip(parts, v, strict=True)])
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {m.value: m for m in kind}.__getitem__  # Enum(value) is ten times slower
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is float:
        return float
    return _same


def _same(value: Any) -> Any:
    return value
