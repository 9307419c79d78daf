"""How alike two complaints are, for offering a possible duplicate before a new case is created.

Character-bigram Jaccard: Chinese needs no word segmentation for this, and two people describing the same
broken street light share most of their character pairs ("路灯", "灯坏", "坏了") whatever else they say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")  # the caller's key of a candidate (a case id)

# Pairs so common in complaints that they say nothing about which problem it is.
STOP_BIGRAMS = frozenset({"希望", "群众", "反映", "村民", "请求", "问题", "一下", "帮助", "解决"})
DEFAULT_THRESHOLD = 0.25


def bigrams(text: str) -> frozenset[str]:
    """The set of overlapping character pairs of the letters/digits/CJK in ``text`` (a lone character
    counts as itself), punctuation and spaces dropped, case folded."""
    chars = "".join(ch.lower() for ch in (text or "") if ch.isalnum())
    if len(chars) == 1:
        return frozenset({chars})
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1)) - STOP_BIGRAMS


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str) -> float:
    return jaccard(bigrams(a), bigrams(b))


@dataclass(frozen=True)
class Ranked(Generic[K]):
    key: K
    score: float


def rank_similar(text: str, candidates: Iterable[tuple[K, str]], *, threshold: float = DEFAULT_THRESHOLD,
                 limit: int = 5) -> list[Ranked[K]]:
    """Candidates (key, text) at least ``threshold`` alike to ``text``, most alike first (ties: input order)."""
    mine = bigrams(text)
    scored = [Ranked(key, jaccard(mine, bigrams(other))) for key, other in candidates]
    scored = [r for r in scored if r.score >= threshold]
    scored.sort(key=lambda r: -r.score)  # stable: equal scores keep the caller's (newest first) order
    return scored[:limit]
