"""Paper-ballot tallies entered twice (双人录入): the counts of a vote, a satisfaction rating or a 述职评议.

Ballots are counted on paper at the station; two people then each type the counts in, separately. The desk
compares the two entries field by field and shows every difference; a field is *settled* when both agree, or
when a third entry agrees with one of them, or when one of the two corrects their own entry (with a reason)
so that both agree. Only a tally whose every field is settled and whose check totals hold can be accepted.
The accepted counts are never overwritten: a later change is an *amendment*, a new record with who and why,
and the current counts are the accepted ones with the amendments applied in order.

A tally's form: rows are ``issued`` (发出选票), ``cast`` (收回选票), ``valid`` (有效票), ``invalid`` (无效票) and one
row per option (``o:<key>``: a candidate project, 满意/基本满意/不满意, 称职/基本称职/不称职); columns are the
booths / ballot boxes (``1``, ``2``…; none when there is only one) and ``total`` (合计). A field is spelled
``row/column``. The checks: the booths add up to the total in every row; in every column valid + invalid =
cast ≤ issued; a single-choice ballot's options add up to the valid ballots, a multi-choice ballot's option
never exceeds them.

Plain Python: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import ValidationError

TOTAL = "total"
HEAD_ROWS: tuple[tuple[str, str, str], ...] = (
    ("issued", "发出选票", "ballots issued"),
    ("cast", "收回选票", "ballots returned"),
    ("valid", "有效票", "valid ballots"),
    ("invalid", "无效票", "invalid ballots"),
)
MAX_COUNT = 10_000_000
MAX_BOOTHS = 50
MAX_OPTIONS = 200

SATISFACTION_OPTIONS: tuple[tuple[str, str], ...] = (
    ("satisfied", "满意"), ("basically_satisfied", "基本满意"), ("unsatisfied", "不满意"))
APPRAISAL_OPTIONS: tuple[tuple[str, str], ...] = (
    ("competent", "称职"), ("basically_competent", "基本称职"), ("incompetent", "不称职"))

ENTRY, CORRECTION, THIRD = "entry", "correction", "third"


def _fail(code: str, zh: str, en: str, fld: str | None = None) -> ValidationError:
    return ValidationError(code, zh, field=fld, message_en=en)


def field_key(row: str, col: str) -> str:
    return f"{row}/{col}"


def split_field(key: str) -> tuple[str, str]:
    row, sep, col = key.rpartition("/")
    if not sep:
        raise _fail("bad_tally_field", f"计票栏目“{key}”无效。", f"Unknown tally field {key!r}.", "field")
    return row, col


@dataclass(frozen=True)
class TallyForm:
    """What is counted: the options (key, label), the booths (labels, may be empty) and the ballot kind."""

    options: tuple[tuple[str, str], ...]
    booths: tuple[str, ...] = ()
    single_choice: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple((str(k), str(v)) for k, v in self.options))
        object.__setattr__(self, "booths", tuple(str(b) for b in self.booths))
        keys = [k for k, _ in self.options]
        if not keys:
            raise _fail("no_options", "计票表至少要有一个选项。", "A tally needs at least one option.", "options")
        if len(keys) > MAX_OPTIONS:
            raise _fail("too_many_options", f"选项最多 {MAX_OPTIONS} 个。", f"At most {MAX_OPTIONS} options.", "options")
        if len(set(keys)) != len(keys) or any(not k or "/" in k for k in keys):
            raise _fail("bad_options", "选项代码不能为空或重复。", "Option keys must be unique and non-empty.", "options")
        if len(self.booths) > MAX_BOOTHS:
            raise _fail("too_many_booths", f"投票箱（票站）最多 {MAX_BOOTHS} 个。", f"At most {MAX_BOOTHS} booths.",
                        "booths")
        if len(set(self.booths)) != len(self.booths) or any(not b.strip() for b in self.booths):
            raise _fail("bad_booths", "投票箱（票站）名称不能为空或重复。", "Booth names must be unique and non-empty.",
                        "booths")

    @property
    def rows(self) -> tuple[str, ...]:
        return (*(r for r, _, _ in HEAD_ROWS), *(f"o:{k}" for k, _ in self.options))

    @property
    def columns(self) -> tuple[str, ...]:
        return (*(str(i) for i in range(1, len(self.booths) + 1)), TOTAL)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(field_key(r, c) for r in self.rows for c in self.columns)

    def row_label(self, row: str) -> str:
        for r, zh, _ in HEAD_ROWS:
            if r == row:
                return zh
        labels = dict(self.options)
        return labels.get(row[2:], row) if row.startswith("o:") else row

    def column_label(self, col: str) -> str:
        return "合计" if col == TOTAL else self.booths[int(col) - 1]

    def label(self, key: str) -> str:
        """``o:a/2`` → “第二投票箱 · 项目甲” (the column first, as on the paper sheet)."""
        row, col = split_field(key)
        return f"{self.column_label(col)} · {self.row_label(row)}"

    def check_values(self, values: Mapping[str, object], *, partial: bool = False) -> dict[str, int]:
        """Known fields, whole numbers 0…10,000,000; every field present unless ``partial``."""
        known = set(self.fields)
        out: dict[str, int] = {}
        for key, raw in values.items():
            if key not in known:
                raise _fail("bad_tally_field", f"计票栏目“{key}”不在这张计票表中。", f"Unknown tally field {key!r}.",
                            "field")
            out[key] = parse_count(raw, self.label(key))
        if not partial:
            missing = [k for k in self.fields if k not in out]
            if missing:
                names = "、".join(self.label(k) for k in missing[:5]) + ("等" if len(missing) > 5 else "")
                raise _fail("tally_incomplete", f"还有 {len(missing)} 个栏目没有填写：{names}。",
                            f"{len(missing)} fields are not filled in.", "values")
        return out


def parse_count(raw: object, what: str = "票数") -> int:
    """A count as typed: digits (full-width too), no sign, no decimals; 0…10,000,000."""
    if isinstance(raw, bool):
        raise _fail("bad_count", f"{what}应填写整数。", f"{what}: a whole number is required.", "values")
    if isinstance(raw, int):
        n = raw
    else:
        text = str(raw if raw is not None else "").strip().translate(
            {ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")})
        if not text.isdigit():
            raise _fail("bad_count", f"{what}应填写 0 或正整数，收到“{str(raw)[:20]}”。",
                        f"{what}: expected a whole number 0 or more.", "values")
        n = int(text)
    if not 0 <= n <= MAX_COUNT:
        raise _fail("bad_count", f"{what}应在 0 到 {MAX_COUNT} 之间。", f"{what}: out of range.", "values")
    return n


@dataclass(frozen=True)
class Problem:
    """A check total that does not hold, in words."""

    code: str
    zh: str
    en: str


def check_totals(form: TallyForm, values: Mapping[str, int]) -> list[Problem]:
    """Every check total that does not hold for complete ``values``."""
    out: list[Problem] = []
    cols = form.columns
    if form.booths:
        for row in form.rows:
            booth_sum = sum(values[field_key(row, c)] for c in cols if c != TOTAL)
            total = values[field_key(row, TOTAL)]
            if booth_sum != total:
                out.append(Problem("booth_sum", f"“{form.row_label(row)}”各投票箱相加为 {booth_sum}，合计栏填的是 {total}。",
                                   f"{row}: the booths add up to {booth_sum}, the total says {total}."))
    for c in cols:
        name = form.column_label(c)
        issued, cast = values[field_key("issued", c)], values[field_key("cast", c)]
        valid, invalid = values[field_key("valid", c)], values[field_key("invalid", c)]
        if valid + invalid != cast:
            out.append(Problem("valid_invalid", f"{name}：有效票 {valid} + 无效票 {invalid} = {valid + invalid}，"
                                                f"不等于收回选票 {cast}。",
                               f"{c}: valid + invalid = {valid + invalid}, ballots returned {cast}."))
        if cast > issued:
            out.append(Problem("cast_over_issued", f"{name}：收回选票 {cast} 多于发出选票 {issued}。",
                               f"{c}: {cast} ballots returned, only {issued} issued."))
        opts = [values[field_key(f"o:{k}", c)] for k, _ in form.options]
        if form.single_choice:
            if sum(opts) != valid:
                out.append(Problem("options_sum", f"{name}：各选项票数相加为 {sum(opts)}，不等于有效票 {valid}。",
                                   f"{c}: the options add up to {sum(opts)}, valid ballots {valid}."))
        else:
            for (_k, lab), n in zip(form.options, opts, strict=True):
                if n > valid:
                    out.append(Problem("option_over_valid", f"{name}：“{lab}”得票 {n} 多于有效票 {valid}。",
                                       f"{c}: an option has {n} votes, more than the {valid} valid ballots."))
    return out


@dataclass(frozen=True)
class EntryRecord:
    """One stored step of a tally before acceptance: a whole entry (slot 1, 2 or the third, 3) or a
    correction of some fields of one's own entry (with a reason)."""

    kind: str  # entry | correction
    slot: int  # 1, 2 or 3
    actor: str
    values: Mapping[str, int]
    reason: str = ""


@dataclass(frozen=True)
class FieldState:
    field: str
    label: str
    first: int | None
    second: int | None
    third: int | None
    settled: int | None  # None: missing or differing

    @property
    def differs(self) -> bool:
        return self.first is not None and self.second is not None and self.settled is None


@dataclass(frozen=True)
class Reconciliation:
    """The two (or three) entries compared: each field's values, the differences, and whether it can be
    accepted (every field settled and every check total holding)."""

    fields: tuple[FieldState, ...]
    actors: Mapping[int, str]
    problems: tuple[Problem, ...] = ()
    settled: Mapping[str, int] = field(default_factory=dict)

    @property
    def differences(self) -> tuple[FieldState, ...]:
        return tuple(f for f in self.fields if f.differs)

    @property
    def missing_slots(self) -> tuple[int, ...]:
        return tuple(n for n in (1, 2) if n not in self.actors)

    @property
    def acceptable(self) -> bool:
        return not self.missing_slots and not self.differences and not self.problems and \
            len(self.settled) == len(self.fields)


def entry_values(records: Sequence[EntryRecord], slot: int) -> dict[str, int] | None:
    """One slot's values with its own corrections applied in order (None: not entered)."""
    out: dict[str, int] | None = None
    for r in records:
        if r.slot != slot:
            continue
        if r.kind == ENTRY:
            out = dict(r.values)
        elif r.kind == CORRECTION and out is not None:
            out.update(r.values)
    return out


def reconcile(form: TallyForm, records: Sequence[EntryRecord]) -> Reconciliation:
    """Compare the entries field by field (see the module docstring for when a field is settled)."""
    first, second, third = (entry_values(records, n) for n in (1, 2, 3))
    actors = {r.slot: r.actor for r in records if r.kind == ENTRY}
    states, settled = [], {}
    for key in form.fields:
        a = first.get(key) if first else None
        b = second.get(key) if second else None
        c = third.get(key) if third else None
        value: int | None = None
        if a is not None and a == b:
            value = a
        elif a is not None and b is not None and c is not None and c in (a, b):
            value = c
        if value is not None:
            settled[key] = value
        states.append(FieldState(key, form.label(key), a, b, c, value))
    problems = tuple(check_totals(form, settled)) if len(settled) == len(form.fields) else ()
    return Reconciliation(tuple(states), actors, problems, settled)


def check_new_record(form: TallyForm, records: Sequence[EntryRecord], new: EntryRecord) -> EntryRecord:
    """The rules for a new entry or correction, given what is already stored; the record with its values
    checked. Who typed entry 1 may not type entry 2; a third entry is by someone else again and only when
    the two differ; a correction is made by the person who typed that entry, with a reason."""
    actor = (new.actor or "").strip()
    if not actor:
        raise _fail("actor_missing", "请填写录入人姓名。", "Name the person entering the counts.", "actor")
    if new.slot not in (1, 2, 3):
        raise _fail("bad_slot", "录入次序应为 1、2 或 3（第三人核对）。", "The entry must be 1, 2 or 3.", "slot")
    actors = {r.slot: r.actor for r in records if r.kind == ENTRY}
    if new.kind == ENTRY:
        if new.slot in actors:
            raise _fail("slot_taken", f"第 {new.slot} 次录入已由{actors[new.slot]}完成；要改正请用“更正”，并说明原因。",
                        f"Entry {new.slot} was made by {actors[new.slot]}; correct it instead.", "slot")
        others = {a for s, a in actors.items() if s != new.slot}
        if actor in others:
            raise _fail("same_person", f"{actor}已经录入过一次；两次录入必须由不同的人分别完成。",
                        f"{actor} already made an entry; each entry must be made by a different person.", "actor")
        if new.slot == 3:
            rec = reconcile(form, records)
            if rec.missing_slots:
                raise _fail("third_too_early", "两人都录入后，有不一致时才需要第三人录入。",
                            "A third entry is made only after both entries, when they differ.", "slot")
            if not rec.differences:
                raise _fail("third_not_needed", "两次录入完全一致，不需要第三人录入。",
                            "The two entries agree; no third entry is needed.", "slot")
        values = form.check_values(new.values)
        return EntryRecord(ENTRY, new.slot, actor, values)
    if new.kind == CORRECTION:
        if new.slot not in actors:
            raise _fail("nothing_to_correct", f"第 {new.slot} 次录入还没有做，不能更正。",
                        f"Entry {new.slot} has not been made.", "slot")
        if actors[new.slot] != actor:
            raise _fail("not_your_entry", f"第 {new.slot} 次录入是{actors[new.slot]}做的，只能由本人更正。",
                        f"Entry {new.slot} was made by {actors[new.slot]}; only they may correct it.", "actor")
        reason = (new.reason or "").strip()
        if not reason:
            raise _fail("reason_missing", "更正必须说明原因（例如：对照选票重新核对）。",
                        "A correction needs a reason.", "reason")
        values = form.check_values(new.values, partial=True)
        if not values:
            raise _fail("nothing_changed", "更正至少要改一个栏目。", "A correction changes at least one field.", "values")
        return EntryRecord(CORRECTION, new.slot, actor, values, reason[:200])
    raise _fail("bad_kind", "录入类型无效。", f"Unknown record kind {new.kind!r}.", "kind")


@dataclass(frozen=True)
class Amendment:
    """A change to accepted counts: the fields changed (their new values), who and why."""

    actor: str
    reason: str
    values: Mapping[str, int]


def current_counts(accepted: Mapping[str, int], amendments: Iterable[Amendment]) -> dict[str, int]:
    """The accepted counts with the amendments applied in order."""
    out = dict(accepted)
    for a in amendments:
        out.update(a.values)
    return out


def check_amendment(form: TallyForm, current: Mapping[str, int], new: Amendment) -> Amendment:
    """An amendment of accepted counts: named, with a reason, changing something, and leaving every check
    total holding (change the booth and the total together)."""
    actor, reason = (new.actor or "").strip(), (new.reason or "").strip()
    if not actor:
        raise _fail("actor_missing", "请填写更正人姓名。", "Name the person making the change.", "actor")
    if not reason:
        raise _fail("reason_missing", "修改已确认的票数必须说明原因。", "Changing accepted counts needs a reason.",
                    "reason")
    values = form.check_values(new.values, partial=True)
    changed = {k: v for k, v in values.items() if current.get(k) != v}
    if not changed:
        raise _fail("nothing_changed", "修改后的票数与已确认的相同，没有改动。", "Nothing changes.", "values")
    after = {**current, **changed}
    problems = check_totals(form, after)
    if problems:
        raise _fail(problems[0].code, "修改后核对不通过：" + problems[0].zh, "After the change: " + problems[0].en,
                    "values")
    return Amendment(actor, reason[:200], changed)


# -- results ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RankedOption:
    key: str
    label: str
    votes: int
    rank: int
    chosen: bool
    tied: bool  # tied at the last place to be filled: a run-off decides (not chosen)
    below_threshold: bool


def rank_options(form: TallyForm, counts: Mapping[str, int], chosen_count: int,
                 threshold_pct: int = 50) -> tuple[RankedOption, ...]:
    """Options ranked by their total votes; the first ``chosen_count`` are chosen if each got more than
    ``threshold_pct`` % of the ballots returned (过半数 by default: strictly more than half). Options tied
    across the last place to fill are all left unchosen and marked ``tied``."""
    cast = counts[field_key("cast", TOTAL)]
    rows = sorted(((counts[field_key(f"o:{k}", TOTAL)], n, k, lab) for n, (k, lab) in enumerate(form.options)),
                  key=lambda r: (-r[0], r[1]))
    eligible = [r for r in rows if r[0] * 100 > threshold_pct * cast]
    chosen: set[str] = set()
    tied: set[str] = set()
    if len(eligible) <= chosen_count:
        chosen = {r[2] for r in eligible}
    else:
        edge = eligible[chosen_count - 1][0] if chosen_count > 0 else None
        above = [r for r in eligible if edge is not None and r[0] > edge]
        at_edge = [r for r in eligible if r[0] == edge]
        chosen = {r[2] for r in above}
        if len(above) + len(at_edge) <= chosen_count:
            chosen |= {r[2] for r in at_edge}
        else:
            tied = {r[2] for r in at_edge}
    out, rank, prev = [], 0, None
    for pos, (votes, _n, key, lab) in enumerate(rows, 1):
        if votes != prev:
            rank, prev = pos, votes
        out.append(RankedOption(key, lab, votes, rank, key in chosen, key in tied,
                                votes * 100 <= threshold_pct * cast))
    return tuple(out)


@dataclass(frozen=True)
class Appraisal:
    """述职评议 result: counts, shares (per mille of valid ballots) and the verdict."""

    competent: int
    basic: int
    incompetent: int
    valid: int
    result: str  # competent | basically_competent | incompetent | none (no valid ballot)

    @property
    def result_zh(self) -> str:
        return {"competent": "称职", "basically_competent": "基本称职", "incompetent": "不称职",
                "none": "无有效票"}[self.result]

    def pct(self, n: int) -> str:
        return f"{n * 100 / self.valid:.1f}%" if self.valid else "—"


def appraise(counts: Mapping[str, int], competent_pct: int = 80, basic_pct: int = 60) -> Appraisal:
    """称职 when its share of the valid ballots reaches ``competent_pct`` %; 基本称职 when 称职 + 基本称职
    reach ``basic_pct`` %; otherwise 不称职."""
    if not 0 < basic_pct <= competent_pct <= 100:
        raise _fail("bad_threshold", "评议标准应满足 0 < 基本称职线 ≤ 称职线 ≤ 100。",
                    "Thresholds must satisfy 0 < basic ≤ competent ≤ 100.", "threshold")
    comp = counts[field_key("o:competent", TOTAL)]
    basic = counts[field_key("o:basically_competent", TOTAL)]
    inc = counts[field_key("o:incompetent", TOTAL)]
    valid = counts[field_key("valid", TOTAL)]
    if valid == 0:
        result = "none"
    elif comp * 100 >= competent_pct * valid:
        result = "competent"
    elif (comp + basic) * 100 >= basic_pct * valid:
        result = "basically_competent"
    else:
        result = "incompetent"
    return Appraisal(comp, basic, inc, valid, result)


def satisfaction_rate(counts: Mapping[str, int]) -> tuple[int, int, int, int]:
    """(满意, 基本满意, 不满意, valid) of a satisfaction rating."""
    return (counts[field_key("o:satisfied", TOTAL)], counts[field_key("o:basically_satisfied", TOTAL)],
            counts[field_key("o:unsatisfied", TOTAL)], counts[field_key("valid", TOTAL)])


# -- fields as people name them -------------------------------------------------------------------------------

_ROW_ALIASES = {alias: row for row, zh, en in HEAD_ROWS
                for alias in (row, zh, en, zh.removesuffix("选票"), zh.removesuffix("票"))}


def resolve_field(form: TallyForm, name: str) -> str:
    """A field from how a person names it: ``ROW`` or ``ROW@BOOTH``. ROW is 发出选票/收回选票/有效票/无效票 (or
    issued/cast/valid/invalid), an option's label, key or number in the list (1, 2…); BOOTH a booth's name or
    number (the total column when left out; 合计/total names it too)."""
    text = (name or "").strip()
    row_text, _, col_text = text.partition("@")
    row_text, col_text = row_text.strip(), col_text.strip()
    row = _ROW_ALIASES.get(row_text)
    if row is None:
        for n, (key, lab) in enumerate(form.options, 1):
            if row_text in (key, lab, str(n)):
                row = f"o:{key}"
                break
    if row is None:
        raise _fail("bad_tally_field", f"计票栏目“{row_text}”不存在：可填 发出选票、收回选票、有效票、无效票，或选项的名称、序号。",
                    f"Unknown row {row_text!r}.", "field")
    col = TOTAL
    if col_text and col_text not in ("合计", TOTAL):
        for n, booth in enumerate(form.booths, 1):
            if col_text in (booth, str(n)):
                col = str(n)
                break
        else:
            raise _fail("bad_tally_field", f"投票箱“{col_text}”不存在。", f"Unknown booth {col_text!r}.", "field")
    return field_key(row, col)
