"""Chinese full-text search over cases (content, visitor names, case number), the same for the desk and the CLI.

The index is an FTS5 table of character unigrams and bigrams kept by SQL triggers (``db.models_desk``);
``domain.textsearch`` turns a query into its MATCH expression. Results come newest-recorded first, straight
from the index's rowid order, so a page costs the same on a thousand or a million cases.
"""

from __future__ import annotations

from sqlalchemy import text as sql_text

from ...db.database import Database
from ...domain.errors import ValidationError
from ...domain.textsearch import MAX_QUERY_CHARS, fts_match
from ..admin import audit
from ..context import Actor
from .listing import CaseFilter, CaseRow, count_cases, page_cases
from .search_index import ensure_search_index as ensure_search_index

MAX_LIMIT = 1000


def check_query(text: str) -> str:
    """The query as typed, refused with a friendly message when it holds nothing searchable."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError("query_too_long", f"搜索内容最多 {MAX_QUERY_CHARS} 个字。", field="text",
                              message_en=f"Search for at most {MAX_QUERY_CHARS} characters.")
    if fts_match(text) is None:
        raise ValidationError("empty_query", "请输入要搜索的文字（汉字、字母或数字）。", field="text",
                              message_en="Type something to search for (characters, letters or digits).")
    return text


def search_cases(db: Database, text: str, *, limit: int = 50, case_filter: CaseFilter | None = None,
                 after: tuple | None = None, actor: Actor | None = None) -> list[CaseRow]:
    """Cases whose content, visitor names or number contain every term of ``text``, newest recorded first.

    ``case_filter`` narrows further (status, colour, village…); ``after`` is the ``key`` of the last row of
    the previous page (keyset paging).
    """
    text = check_query(text)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("bad_limit", f"条数应在 1 到 {MAX_LIMIT} 之间。", field="limit")
    ensure_search_index(db)
    f = _with_text(case_filter or CaseFilter(), text)
    rows = page_cases(db, f, limit=limit, after=after)
    audit.record_search(db, actor, text)  # issue 17: the kind of search, never its text
    return rows


def count_matches(db: Database, text: str, *, case_filter: CaseFilter | None = None,
                  cap: int | None = None) -> int:
    """How many cases match (at most ``cap`` when given: "more than 10 000" is enough for a badge)."""
    text = check_query(text)
    ensure_search_index(db)
    return count_cases(db, _with_text(case_filter or CaseFilter(), text), cap=cap)


def _with_text(f: CaseFilter, text: str) -> CaseFilter:
    from dataclasses import replace

    return replace(f, text=text)


def index_size(db: Database) -> int:
    with db.session(write=False) as s:
        return s.scalar(sql_text("SELECT count(*) FROM case_search_docsize")) or 0
