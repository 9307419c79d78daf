"""How the report PDF spells figures and their changes."""

from liaison_desk.printing.report_sheet import fmt, fmt_change


def test_figures_and_changes_as_printed():
    assert fmt(94.26, "rate") == "94.26%" and fmt(None, "rate") == "—" and fmt(6903, "count") == "6,903"
    assert fmt(12.3, "days") == "12.3" and fmt(20, "days") == "20"
    assert fmt_change(-40.0, "rate") == "-40.00个百分点" and fmt_change(3.5, "rate") == "+3.50个百分点"
    assert fmt_change(15.0, "days") == "+15"  # a percentile changes by whole days
    assert fmt_change(-17.7, "days") == "-17.7" and fmt_change(10, "count") == "+10" and fmt_change(None, "count") == "—"
