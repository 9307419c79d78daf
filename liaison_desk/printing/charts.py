"""The 统计 charts as ReportLab drawings: one drawing serves the PDF (a vector flowable in the month-end pack) and
the desk's screen (the same drawing as SVG, painted by Qt's SVG renderer), so what is printed is what was seen.

ReportLab's chart library is already a dependency (the PDFs), is pure Python and works offline in the frozen
build; matplotlib (with numpy and Pillow, ~40 MB frozen) or QtCharts (PySide6-Addons, a ~150 MB wheel) would
add far more than two charts need.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from .fonts import FONT, ensure_fonts

# Colours told apart in print and by the colour-blind (Okabe–Ito), grey for 其他.
PALETTE = (
    colors.HexColor("#0072B2"), colors.HexColor("#E69F00"), colors.HexColor("#009E73"),
    colors.HexColor("#CC79A7"), colors.HexColor("#56B4E9"), colors.HexColor("#D55E00"),
    colors.HexColor("#F0E442"), colors.HexColor("#999999"),
)
OTHERS = "其他"
MAX_SERIES = len(PALETTE)  # the busiest categories get a colour each; the rest are summed as 其他


@dataclass(frozen=True)
class MonthPoint:
    """One month of the charts: cases registered per category, and the month's 办结率 and 满意率 (None: —)."""

    label: str  # "11月", or "2026年1月" at a year's turn
    by_category: Mapping[str, int]
    closure_rate: float | None
    satisfaction_rate: float | None


def _series(points: Sequence[MonthPoint]) -> tuple[list[str], list[list[int]]]:
    totals: dict[str, int] = {}
    for p in points:
        for name, n in p.by_category.items():
            totals[name] = totals.get(name, 0) + n
    ranked = sorted((n for n in totals if totals[n] > 0), key=lambda n: (-totals[n], n))
    keep = ranked[:MAX_SERIES - 1] if len(ranked) > MAX_SERIES else ranked
    names = list(keep) + ([OTHERS] if len(ranked) > len(keep) else [])
    data = []
    for name in keep:
        data.append([p.by_category.get(name, 0) for p in points])
    if len(names) > len(keep):
        data.append([sum(n for c, n in p.by_category.items() if c not in keep) for p in points])
    return names, data


def _title(d: Drawing, text: str, size: float) -> None:
    d.add(String(d.width / 2, d.height - size * 1.3, text, fontName=FONT, fontSize=size, textAnchor="middle"))


def _nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above ``value`` and a step giving about five gridlines."""
    if value <= 5:
        return 5, 1
    step = 1.0
    while value / step > 6:
        for m in (2, 2.5, 2):
            step *= m
            if value / step <= 6:
                break
    return step * -(-value // step), step


def cases_chart(points: Sequence[MonthPoint], width: float, height: float, *, font_size: float = 9) -> Drawing:
    """每月案件数（按类别）: stacked bars, one per month, a colour per category, the legend on the right."""
    ensure_fonts()
    d = Drawing(width, height)
    fs = font_size
    _title(d, "每月收集案件数（按问题类别）", fs * 1.25)
    names, data = _series(points)
    legend_w = max([fs * 4] + [fs * (len(n) + 2.5) for n in names]) if names else 0
    chart = VerticalBarChart()
    chart.x, chart.y = round(fs * 3.2), round(fs * 2.6)  # whole points (the stubs' int)
    chart.width = round(max(10.0, width - chart.x - legend_w - fs * 1.5))
    chart.height = round(max(10.0, height - chart.y - fs * 3.2))
    chart.data = data or [[0] * max(1, len(points))]
    chart.categoryAxis.categoryNames = [p.label for p in points] or [""]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = fs
    chart.categoryAxis.labels.dy = -fs * 0.4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = fs
    top = max((sum(col) for col in zip(*data, strict=True)), default=0) if data else 0
    vmax, step = _nice_top(float(top))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, vmax, step
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.barSpacing = 0
    chart.groupSpacing = round(fs)
    chart.bars.strokeWidth = 0.3
    chart.bars.strokeColor = colors.white
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(chart)
    if names:
        legend = Legend()
        legend.x, legend.y = round(width - legend_w), chart.y + chart.height
        legend.fontName, legend.fontSize = FONT, fs
        legend.alignment = "right"
        legend.dx = legend.dy = round(fs * 0.9)
        legend.deltay = round(fs * 1.5)
        legend.columnMaximum = 12
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
        d.add(legend)
    else:
        d.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2, "（期间内没有案件）",
                     fontName=FONT, fontSize=fs, textAnchor="middle"))
    return d


def rates_chart(points: Sequence[MonthPoint], width: float, height: float, *, font_size: float = 9) -> Drawing:
    """办结率和满意率走势: two lines over the months (a month with nothing to divide by has no point)."""
    ensure_fonts()
    d = Drawing(width, height)
    fs = font_size
    _title(d, "办结率、满意率走势（%）", fs * 1.25)
    legend_w = fs * 7
    chart = HorizontalLineChart()
    chart.x, chart.y = round(fs * 3.2), round(fs * 2.6)  # whole points (the stubs' int)
    chart.width = round(max(10.0, width - chart.x - legend_w - fs * 1.5))
    chart.height = round(max(10.0, height - chart.y - fs * 3.2))
    lines = [("办结率", PALETTE[0], None, [p.closure_rate for p in points]),
             ("满意率", PALETTE[5], (4, 2), [p.satisfaction_rate for p in points])]
    drawn = [line for line in lines if any(v is not None for v in line[3])]  # a line needs a point
    blank = [0.0] * max(1, len(points))
    chart.data = [line[3] for line in drawn] or [blank]  # None: no point that month
    chart.categoryAxis.categoryNames = [p.label for p in points] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = fs
    chart.categoryAxis.labels.dy = -fs * 0.4
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = fs
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.joinedLines = True
    for i, (_name, colour, dash, _values) in enumerate(drawn):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = max(1.5, fs / 6)
        chart.lines[i].strokeDashArray = dash
        chart.lines[i].symbol = makeMarker("FilledCircle", size=max(3.0, fs / 2.5), fillColor=colour)
    if not drawn:  # the blank series only holds the axes up
        chart.lines[0].strokeColor = None
        d.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2, "（期间内没有可计算的比率）",
                     fontName=FONT, fontSize=fs, textAnchor="middle"))
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = round(width - legend_w + fs), chart.y + chart.height
    legend.fontName, legend.fontSize = FONT, fs
    legend.alignment = "right"
    legend.dx = round(fs * 1.6)
    legend.dy = max(1, round(fs * 0.3))
    legend.deltay = round(fs * 1.5)
    legend.colorNamePairs = [(colour, name) for name, colour, _dash, _values in lines]
    d.add(legend)
    return d


def drawing_svg(drawing: Drawing, font_family: str | None = None) -> bytes:
    """The drawing as SVG for the screen. ``font_family``: the family the screen knows the bundled font by
    (ReportLab writes its own registered name)."""
    text = renderSVG.drawToString(drawing)
    # ReportLab leaves out the fill of an unfilled line; SVG's default fill is black (a line would be an area)
    # its clip path sits outside <defs>: Qt's renderer would paint the clip rectangle black over everything
    text = re.sub(r"(<clipPath .*?</clipPath>)", r"<defs>\1</defs>", text, count=1, flags=re.S)
    text = re.sub(r'style="(?![^"]*fill)([^"]*)"', r'style="fill: none; \1"', text)
    if font_family:
        text = text.replace(f"font-family: {FONT}", f"font-family: '{font_family}'")
        text = text.replace(f'font-family="{FONT}"', f'font-family="{font_family}"')
    return text.encode("utf-8")
