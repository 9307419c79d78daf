"""Chinese full-text search terms: a typed query → an FTS5 MATCH expression over character n-grams.

Chinese is written without spaces, so no word tokenizer is needed or wanted: the index (migration 0004)
holds every character as a token (column ``uni``) and every overlapping pair of characters (column ``bi``).
A one-character query looks the character up in ``uni``; a longer one is the phrase of its overlapping pairs
in ``bi`` ("灌溉渠" → "灌溉 溉渠"), which matches exactly where those characters stand next to each other,
i.e. a substring match. Spaces and punctuation in the query separate terms that must all occur (AND).
"""

from __future__ import annotations

MAX_QUERY_CHARS = 100


def query_terms(text: str) -> list[str]:
    """The runs of letters, digits and CJK characters in ``text``, lower-cased (as the index folds case)."""
    terms, run = [], []
    for ch in (text or "")[:MAX_QUERY_CHARS]:
        if ch.isalnum():
            run.append(ch.lower())
        elif run:
            terms.append("".join(run))
            run = []
    if run:
        terms.append("".join(run))
    return terms


def term_expression(term: str) -> str:
    if len(term) == 1:
        return f'uni : "{term}"'
    return 'bi : "' + " ".join(term[i:i + 2] for i in range(len(term) - 1)) + '"'


def fts_match(text: str) -> str | None:
    """The MATCH expression for ``text``, or None when it holds nothing searchable (only punctuation)."""
    terms = list(dict.fromkeys(query_terms(text)))
    if not terms:
        return None
    return " AND ".join(term_expression(t) for t in terms)


def index_tokens(text: str) -> tuple[str, str]:
    """What the SQL triggers put in the (uni, bi) columns for ``text``: a Python twin for tests."""
    uni = " ".join(text[i] for i in range(len(text)))
    bi = " ".join(text[i:i + 2] for i in range(len(text) - 1))
    return uni, bi
