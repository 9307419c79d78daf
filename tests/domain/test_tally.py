"""Double entry of paper tallies (domain.tally): any single mistyped number is caught; equal entries accept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.tally import (
    APPRAISAL_OPTIONS,
    CORRECTION,
    ENTRY,
    TOTAL,
    Amendment,
    EntryRecord,
    TallyForm,
    appraise,
    check_amendment,
    check_new_record,
    check_totals,
    current_counts,
    field_key,
    rank_options,
    reconcile,
)


@st.composite
def true_tallies(draw):
    """A form and counts that pass every check (what an honest count of the ballots gives)."""
    n_booths = draw(st.integers(0, 3))
    n_opts = draw(st.integers(1, 4))
    single = draw(st.booleans())
    form = TallyForm(tuple((f"p{i}", f"项目{i}") for i in range(n_opts)), tuple(f"第{i}箱" for i in range(n_booths)),
                     single)
    cols = [str(i) for i in range(1, n_booths + 1)] or [TOTAL]
    values: dict[str, int] = {}
    for c in cols:
        valid = draw(st.integers(0, 60))
        invalid = draw(st.integers(0, 5))
        issued = valid + invalid + draw(st.integers(0, 5))
        if single:
            parts, left = [], valid
            for _ in range(n_opts - 1):
                x = draw(st.integers(0, left))
                parts.append(x)
                left -= x
            parts.append(left)
        else:
            parts = [draw(st.integers(0, valid)) for _ in range(n_opts)]
        values |= {field_key("issued", c): issued, field_key("cast", c): valid + invalid,
                   field_key("valid", c): valid, field_key("invalid", c): invalid}
        values |= {field_key(f"o:p{i}", c): parts[i] for i in range(n_opts)}
    if n_booths:
        for row in form.rows:
            values[field_key(row, TOTAL)] = sum(values[field_key(row, c)] for c in cols)
    return form, values


def entries(first, second):
    return [EntryRecord(ENTRY, 1, "张三", first), EntryRecord(ENTRY, 2, "李四", second)]


@settings(max_examples=150, deadline=None)
@given(true_tallies())
def test_equal_entries_accept(case):
    form, values = case
    assert check_totals(form, values) == []
    rec = reconcile(form, entries(values, dict(values)))
    assert rec.acceptable
    assert rec.differences == ()
    assert rec.settled == values


def _one_typo_is_caught(case, data) -> None:
    form, values = case
    key = data.draw(st.sampled_from(form.fields))
    wrong = data.draw(st.integers(0, 10_000).filter(lambda v: v != values[key]))
    typo = {**values, key: wrong}
    which = data.draw(st.sampled_from([1, 2]))
    rec = reconcile(form, entries(typo, values) if which == 1 else entries(values, typo))
    assert not rec.acceptable
    assert [d.field for d in rec.differences] == [key]
    (d,) = rec.differences
    assert {d.first, d.second} == {values[key], wrong}


@settings(max_examples=150, deadline=None)
@given(true_tallies(), st.data())
def test_any_single_mistyped_number_in_either_entry_is_caught(case, data):
    _one_typo_is_caught(case, data)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(true_tallies(), st.data())
def test_any_single_mistyped_number_is_caught_long_run(case, data):
    _one_typo_is_caught(case, data)


@settings(max_examples=100, deadline=None)
@given(true_tallies(), st.data())
def test_third_entry_or_own_correction_settles_the_field(case, data):
    form, values = case
    key = data.draw(st.sampled_from(form.fields))
    wrong = values[key] + 1
    recs = entries({**values, key: wrong}, values)
    fix = data.draw(st.sampled_from(["third", "correction"]))
    if fix == "third":
        new = check_new_record(form, recs, EntryRecord(ENTRY, 3, "王五", values))
    else:
        new = check_new_record(form, recs, EntryRecord(CORRECTION, 1, "张三", {key: values[key]}, "对照选票重核"))
    rec = reconcile(form, [*recs, new])
    assert rec.acceptable and rec.settled == values


def test_a_third_entry_agreeing_with_neither_leaves_the_difference():
    form = TallyForm((("a", "甲"),), single_choice=True)
    good = {"issued/total": 10, "cast/total": 10, "valid/total": 9, "invalid/total": 1, "o:a/total": 9}
    recs = [*entries({**good, "o:a/total": 8}, good), EntryRecord(ENTRY, 3, "王五", {**good, "o:a/total": 7})]
    rec = reconcile(form, recs)
    assert [d.field for d in rec.differences] == ["o:a/total"] and not rec.acceptable


def test_agreeing_entries_that_fail_a_check_are_not_acceptable():
    form = TallyForm((("a", "甲"),), ("一箱", "二箱"))
    v = dict.fromkeys(form.fields, 1)  # booths add to 2, the totals say 1
    rec = reconcile(form, entries(v, dict(v)))
    assert not rec.differences and not rec.acceptable
    assert {p.code for p in rec.problems} >= {"booth_sum", "valid_invalid"}


def test_entry_rules_same_person_third_and_corrections():
    form = TallyForm((("a", "甲"),))
    v = {"issued/total": 5, "cast/total": 5, "valid/total": 5, "invalid/total": 0, "o:a/total": 3}
    one = [EntryRecord(ENTRY, 1, "张三", v)]
    with pytest.raises(ValidationError) as e:
        check_new_record(form, one, EntryRecord(ENTRY, 2, "张三", v))
    assert e.value.code == "same_person"
    with pytest.raises(ValidationError) as e:
        check_new_record(form, one, EntryRecord(ENTRY, 1, "李四", v))
    assert e.value.code == "slot_taken"
    both = entries(v, v)
    with pytest.raises(ValidationError) as e:
        check_new_record(form, both, EntryRecord(ENTRY, 3, "王五", v))
    assert e.value.code == "third_not_needed"
    with pytest.raises(ValidationError) as e:
        check_new_record(form, both, EntryRecord(CORRECTION, 2, "张三", {"o:a/total": 2}, "重核"))
    assert e.value.code == "not_your_entry"
    with pytest.raises(ValidationError) as e:
        check_new_record(form, both, EntryRecord(CORRECTION, 2, "李四", {"o:a/total": 2}, ""))
    assert e.value.code == "reason_missing"
    with pytest.raises(ValidationError) as e:
        check_new_record(form, [], EntryRecord(ENTRY, 1, "张三", {"o:a/total": "三"}))
    assert e.value.code == "bad_count"
    with pytest.raises(ValidationError) as e:
        check_new_record(form, [], EntryRecord(ENTRY, 1, "张三", {"o:a/total": 3}))
    assert e.value.code == "tally_incomplete"


def test_amendment_is_recorded_and_must_keep_the_checks():
    form = TallyForm((("a", "甲"),), single_choice=True)
    acc = {"issued/total": 10, "cast/total": 10, "valid/total": 9, "invalid/total": 1, "o:a/total": 9}
    with pytest.raises(ValidationError) as e:
        check_amendment(form, acc, Amendment("张三", "复核", {"o:a/total": 8}))
    assert e.value.code == "options_sum"
    with pytest.raises(ValidationError) as e:
        check_amendment(form, acc, Amendment("张三", "", {"o:a/total": 8}))
    assert e.value.code == "reason_missing"
    am = check_amendment(form, acc, Amendment("张三", "复核发现一张误判为无效",
                                              {"valid/total": 10, "invalid/total": 0, "o:a/total": 10,
                                               "issued/total": 10}))
    assert am.values == {"valid/total": 10, "invalid/total": 0, "o:a/total": 10}  # unchanged fields dropped
    assert current_counts(acc, [am])["o:a/total"] == 10 and acc["o:a/total"] == 9


def _totals(form, **kw):
    return {field_key(k if k in ("issued", "cast", "valid", "invalid") else f"o:{k}", TOTAL): v for k, v in kw.items()}


def test_ranking_threshold_and_ties():
    form = TallyForm((("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁")))
    c = _totals(form, issued=40, cast=40, valid=40, invalid=0, a=35, b=30, c=30, d=10)
    r = {o.key: o for o in rank_options(form, c, 2)}
    assert r["a"].chosen and not r["b"].chosen and r["b"].tied and r["c"].tied and r["b"].rank == 2
    r = {o.key: o for o in rank_options(form, c, 3)}
    assert [k for k, o in r.items() if o.chosen] == ["a", "b", "c"]
    c2 = _totals(form, issued=40, cast=40, valid=40, invalid=0, a=35, b=20, c=10, d=5)
    r = {o.key: o for o in rank_options(form, c2, 3)}  # exactly half is not more than half
    assert [k for k, o in r.items() if o.chosen] == ["a"] and r["b"].below_threshold


def test_appraisal_thresholds():
    form = TallyForm(APPRAISAL_OPTIONS, single_choice=True)
    assert form.single_choice
    c = _totals(form, issued=50, cast=50, valid=50, invalid=0, competent=40, basically_competent=8, incompetent=2)
    assert appraise(c).result == "competent"  # 80 % exactly
    c = _totals(form, issued=50, cast=50, valid=50, invalid=0, competent=39, basically_competent=9, incompetent=2)
    assert appraise(c).result_zh == "基本称职"
    assert appraise(c, competent_pct=75).result == "competent"
    c = _totals(form, issued=50, cast=50, valid=50, invalid=0, competent=10, basically_competent=10, incompetent=30)
    assert appraise(c).result == "incompetent"


def test_fields_are_found_by_the_names_people_use():
    from liaison_desk.domain.tally import resolve_field

    form = TallyForm((("x1", "村道硬化"), ("x2", "老年食堂")), ("一号箱", "二号箱"))
    assert resolve_field(form, "有效票") == "valid/total"
    assert resolve_field(form, "发出@一号箱") == "issued/1"
    assert resolve_field(form, "2@2") == "o:x2/2"
    assert resolve_field(form, "村道硬化@合计") == "o:x1/total"
    for bad in ("没有", "有效票@三号箱"):
        with pytest.raises(ValidationError):
            resolve_field(form, bad)
