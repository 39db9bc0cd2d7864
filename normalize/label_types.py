"""The two values label matching deals in: a dictionary variant and a match."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """One written label of a field, with the key it is matched on."""

    field: str
    text: str
    key: str
    rank: int  # 0: packaged dictionary; n: the n-th user file (later files win)


@dataclass(frozen=True)
class LabelMatch:
    field: str
    variant: str  # the dictionary's variant that matched, as written there
    score: float  # 1.0 for an exact match
    exact: bool
