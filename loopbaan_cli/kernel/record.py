"""A read-only view on saved data that reads like the model it was saved from.

`Record(session.model_dump())` and `Record(<the YAML of a session file>)` both
answer ``record.employee.name``, ``record.answers.items()`` and
``record.agreements[0].due`` the way the pydantic Session would. The documents
and the history are made from Records, so an export of a file that loopbaan
wrote itself needs no pydantic at all (see seal.py): importing and building
the models costs more than the whole rest of an export.

A model field must therefore never be named like a Mapping method (get, items,
keys, values); tests/test_seal.py checks every model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any


class Record(Mapping[str, Any]):
    """Attribute and key access to a dict; nested dicts and lists are viewed the same way."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return _view(self._data[name])
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{name}: een Record is alleen om te lezen")

    def __getitem__(self, key: str) -> Any:
        return _view(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Record({self._data!r})"


def plain(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """The mapping a Record views (a dict from YAML or JSON), or `value` itself.

    For code that writes the data again: json.dumps takes a dict as it is,
    but a Record one key at a time through Python.
    """
    return value._data if isinstance(value, Record) else value


_PLAIN = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})


def _view(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:  # most values: spare the slow Mapping check (a listing makes 100,000s)
        return value
    if kind is dict:
        return Record(value)
    if kind is list:  # before the Mapping checks below, which go through abc (slow)
        return [_view(v) for v in value]
    if isinstance(value, Record):  # already a view (a listed row's field)
        return value
    if isinstance(value, Mapping) and not isinstance(value, Record):
        return Record(value)
    if isinstance(value, list):
        return [_view(v) for v in value]
    return value
