"""Frozen records <-> JSON values, for the build state and the article store.

Driven by each dataclass's type hints, so new fields need no code here. Records become
lists in field order (compact, and the state is discarded whenever the code changes, so
field order is always the writer's). A converter is compiled once per type: the article
store decodes thousands of articles per build.
"""

from __future__ import annotations

import dataclasses
import operator
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
    """A record's encoder, with a converter per field chosen once from its type hint: a
    plain field (text, numbers) is copied as it is, with no test per value."""
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):  # a hint that does not resolve: encode by value
        hints = {}
    fields = tuple((f.name, _field_encoder(hints.get(f.name, Any)))
                   for f in dataclasses.fields(cls))
    plain = tuple(name for name, conv in fields if conv is None)
    if len(plain) == len(fields):
        get = operator.attrgetter(*plain)
        if len(plain) == 1:
            return lambda value: [get(value)]
        return lambda value: list(get(value))
    names = tuple(name for name, _ in fields)
    convs = tuple((n, conv) for n, (_, conv) in enumerate(fields) if conv is not None)
    get = operator.attrgetter(*names)

    def convert(value: Any) -> list[Any]:
        out = [get(value)] if len(names) == 1 else list(get(value))
        for n, conv in convs:
            v = out[n]
            if not isinstance(v, _PLAIN):  # None, or text where an enum may be
                out[n] = conv(v)
        return out

    return convert


_PLAIN = (str, int, float, bool, type(None))


def _field_encoder(kind: Any) -> Convert | None:
    """How to encode a field declared as ``kind`` (a None result: copy the value as it
    is). A field holding text, a number or None is copied whatever its hint, as
    ``_encode_any`` does; hints the codec does not know are encoded by their value."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(options) == 1:
            return _field_encoder(options[0])
        return None if all(o in _PLAIN for o in options) else _encode_any
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _field_encoder(args[0])
            if item is None:
                return list
            return lambda v: [item(x) for x in v]
        return _encode_any
    if origin is not None:
        return _encode_any
    if kind in _PLAIN:
        return None
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _encoder(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return operator.attrgetter("value")
    if kind in (datetime, date):
        return _isoformat
    return _encode_any


def _isoformat(value: date) -> str:
    return value.isoformat()


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
        return _record_decoder(kind)
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


def _record_decoder(kind: type) -> Convert:
    """A record from its list of fields; only the fields that need it are converted."""
    hints = typing.get_type_hints(kind)
    fields = [f for f in dataclasses.fields(kind) if f.init]
    width = len(fields)
    convs = tuple((n, p) for n, f in enumerate(fields)
                  if (p := _decoder(hints[f.name])) is not _same)

    def decode(v: Any) -> Any:
        if len(v) != width:
            raise ValueError(f"{kind.__name__}: {len(v)} fields stored, {width} expected")
        if convs:
            v = list(v)
            for n, p in convs:
                v[n] = p(v[n])
        return kind(*v)

    return decode
