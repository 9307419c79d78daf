"""The audit trail's rules in plain Python: how an entry is hashed, how a chain is checked, and how a search is
described without the personal value searched for. The station (``services.admin.audit``) and the hub
(``hub.cli audit-verify``) check chains with the same function, over the same canonical spelling
(``domain.payload``): a value read from SQLite and the same value read back from a change payload hash alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .payload import canonical_json, sha256_hex

#: The ``prev_hash`` of a station's first entry.
GENESIS = "0" * 64

#: What an entry's hash covers (``hash`` itself aside): every column that says what happened.
HASHED = ("id", "station_id", "seq", "at", "clock_checked", "actor_id", "actor_name", "actor_role", "action",
          "target", "detail", "prev_hash")

#: Actions and how they read (zh, en). ``admin_*`` are administrative actions.
ACTIONS: dict[str, tuple[str, str]] = {
    "view_case": ("查看案件", "viewed a case"),
    "view_list": ("查看名单", "viewed a list"),  # a list of cases or calls with personal data: rows, never values
    "search": ("搜索", "searched"),
    "print": ("打印", "printed"),
    "export": ("导出", "exported"),
    "admin_account": ("开设账号", "opened an account"),
    "admin_pin": ("重置密码", "reset a PIN"),
    "admin_settings": ("修改设置", "changed settings"),
    "admin_deputy": ("维护代表信息", "edited deputies"),
    "admin_staff": ("登记工作人员", "added staff"),
    "admin_audit": ("查阅审计日志", "read the audit trail"),
}

#: Reading these twice in a row (same person, same target, same detail) within this many seconds is one entry:
#: a case page reloads after every action, a search box re-runs as the user types.
REPEAT_WINDOW_S = 120
#: A list refreshed after every action is logged again only when its row count changed (or after the window).
REPEATABLE = frozenset({"view_case", "view_list", "search"})


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the entry's canonical spelling (UUIDs as text, times to the microsecond)."""
    return sha256_hex(canonical_json({k: fields.get(k) for k in HASHED}))


@dataclass(frozen=True)
class ChainProblem:
    """One break in a chain: ``kind`` is ``edited`` (the entry's content no longer matches its hash),
    ``missing`` (entries ``seq``..``last`` are gone), ``relinked`` (the entry does not follow the one before
    it: that one was replaced, hash and all) or ``bad_start`` (the first entry does not start the chain)."""

    kind: str
    seq: int
    last: int

    @property
    def message(self) -> str:
        if self.kind == "edited":
            return f"第 {self.seq} 条审计记录被改动过（内容与其校验值不符）。"
        if self.kind == "missing":
            which = f"第 {self.seq} 条" if self.seq == self.last else f"第 {self.seq}–{self.last} 条"
            return f"{which}审计记录缺失（被删除）。"
        if self.kind == "relinked":
            return f"第 {self.seq} 条审计记录与前一条接不上：前一条被替换过。"
        return f"第 {self.seq} 条审计记录不是链的开头，之前的记录缺失。"

    @property
    def message_en(self) -> str:
        if self.kind == "edited":
            return f"Audit entry {self.seq} was edited (its content does not match its hash)."
        if self.kind == "missing":
            which = f"entry {self.seq}" if self.seq == self.last else f"entries {self.seq}-{self.last}"
            return f"Audit {which} missing (deleted)."
        if self.kind == "relinked":
            return f"Audit entry {self.seq} does not follow the one before it: that one was replaced."
        return f"Audit entry {self.seq} does not start the chain: earlier entries are missing."


def check_chain(entries: Iterable[Mapping[str, Any]], *, expected_last: int | None = None) -> list[ChainProblem]:
    """Every break in one station's chain, in order. ``entries`` are sorted by ``seq``; each holds the
    ``HASHED`` fields and its stored ``hash``. ``expected_last``: the highest sequence number known to have
    been written (from another record of them), so entries deleted at the end are found too."""
    problems: list[ChainProblem] = []
    expected, prev = 1, GENESIS
    for e in entries:
        seq = int(e["seq"])
        if seq > expected:
            problems.append(ChainProblem("missing", expected, seq - 1))
        if entry_hash(e) != e["hash"]:
            problems.append(ChainProblem("edited", seq, seq))
        elif e["prev_hash"] != prev and seq == expected:
            problems.append(ChainProblem("relinked" if seq > 1 else "bad_start", seq, seq))
        prev, expected = e["hash"], seq + 1
    if expected_last is not None and expected_last >= expected:
        problems.append(ChainProblem("missing", expected, expected_last))
    return problems


_DIGITS = re.compile(r"\d+")


def describe_search(text: str) -> str:
    """What kind of search it was, never what was searched for (PIPL: the log must not become a second copy
    of the personal data): a phone number, an ID number, a case number, or words and how many characters."""
    from .case_number import parse_case_number
    from .errors import DomainError

    squeezed = "".join(unicodedata.normalize("NFKC", text).split()).replace("-", "")
    if re.fullmatch(r"\d{17}[\dXx]|\d{15}", squeezed):
        return "按身份证号搜索"
    if re.fullmatch(r"\+?\d{5,14}", squeezed):
        return "按电话搜索"
    try:
        parse_case_number(text)
        return "按案件编号搜索"
    except DomainError:
        pass
    if any(len(d) >= 5 for d in _DIGITS.findall(squeezed)):
        return "按文字和号码搜索"
    return f"按文字搜索（{len(squeezed)} 个字）"
