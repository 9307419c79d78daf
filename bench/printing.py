"""Visitor-register throughput: our register against plain ReportLab laying out the same rows, same run.

    python -m bench.printing                  # 10,000 demo visits (targets: ratio ≥ 0.8, ≥ 60 pages/s)
    python -m bench.printing --rows 2000 --repeat 1 --json out.json

The rows come from a demo station database through the service (``services.printing.register_data``);
only the PDF builds are timed. "Plain" is a minimal ``SimpleDocTemplate`` + ``Table`` with the same columns,
widths, margins, font and grid: strings in every cell except 反映事项 (a CJK-wrapped Paragraph), header
repeated — what one would write without our page numbering, masking, glyph checks or closing block. It runs
in the same process after ours has been imported, so it shares ReportLab's global settings (our Chinese
line breaker, binary stream compression, deterministic output): the ratio isolates what our layer costs.

Both wall-clock and CPU seconds are printed: on a shared virtual machine the wall clock includes time the
host gave to others (steal), which CPU time does not; throughputs are computed from both.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from liaison_desk.domain.validation import mask_phone
from liaison_desk.printing import RegisterData
from liaison_desk.printing.fonts import FONT, ensure_fonts
from liaison_desk.printing.pages import BINDING, BOTTOM, OUTER, TOP
from liaison_desk.printing.register import COLUMNS, build_register, column_widths
from liaison_desk.services.context import open_station_database
from liaison_desk.services.demo import generate_demo
from liaison_desk.services.printing import register_data


def plain_reportlab(data: RegisterData) -> tuple[bytes, int]:
    """The same rows with nothing but ReportLab: the baseline."""
    ensure_fonts()
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11.2, wordWrap="CJK")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=BINDING, rightMargin=OUTER, topMargin=TOP,
                            bottomMargin=BOTTOM)
    rows = [[h for h, _, _ in COLUMNS]]
    for i, v in enumerate(data.rows, start=1):
        rows.append([str(i), f"{v.occurred_at:%Y-%m-%d}\n{v.occurred_at:%H:%M}", v.visitor_names, str(v.headcount),
                     mask_phone(v.visitor_phone) if v.visitor_phone else "", v.village or "", v.channel,
                     Paragraph(v.matter, cell), v.category or "", v.case_number or "", v.received_by or ""])
    table = Table(rows, colWidths=column_widths(doc.width), repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9, 11.2), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    pages = []
    doc.build([table], onFirstPage=lambda c, d: pages.append(1), onLaterPages=lambda c, d: pages.append(1))
    return buf.getvalue(), len(pages)


def _timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w0, time.process_time() - c0


def run(rows: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_station_database(Path(tmp))
        try:
            print(f"generating {rows} demo visits…", file=sys.stderr)
            generate_demo(db, visits=rows, seed=3)
            from sqlalchemy import func, select

            from liaison_desk.db.models import Visit
            from liaison_desk.domain.timeutil import to_local

            with db.session(write=False) as s:
                lo, hi = s.execute(select(func.min(Visit.occurred_at), func.max(Visit.occurred_at))).one()
            data = register_data(db, to_local(lo).date(), to_local(hi).date())
        finally:
            db.dispose()
    build_register(RegisterData(data.station_name, data.date_from, data.date_to, data.rows[:40]))  # warm up
    best = {"ours": (float("inf"), float("inf")), "plain": (float("inf"), float("inf"))}
    pages = {}
    for _ in range(repeat):
        pdf, wall, cpu = _timed(lambda: build_register(data))
        pages["ours"], best["ours"] = pdf.pages, (min(best["ours"][0], wall), min(best["ours"][1], cpu))
        (_, n), wall, cpu = _timed(lambda: plain_reportlab(data))
        pages["plain"], best["plain"] = n, (min(best["plain"][0], wall), min(best["plain"][1], cpu))
    out = {"rows": len(data.rows), "repeat": repeat}
    for name in ("ours", "plain"):
        wall, cpu = best[name]
        out[name] = {"pages": pages[name], "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                     "pages_per_s_wall": round(pages[name] / wall, 1), "pages_per_s_cpu": round(pages[name] / cpu, 1)}
    # Throughput ratio: our pages per second over plain ReportLab's (≥ 1 means we are faster).
    for clock in ("wall", "cpu"):
        key = f"pages_per_s_{clock}"
        out[f"ratio_{clock}"] = round(out["ours"][key] / out["plain"][key], 2)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=10_000, help="demo visits in the register (default 10000)")
    p.add_argument("--repeat", type=int, default=2, help="builds of each, best kept (default 2)")
    p.add_argument("--json", type=Path, help="also save the figures here")
    args = p.parse_args(argv)
    res = run(args.rows, args.repeat)
    print(f"rows: {res['rows']}")
    for name, label in (("ours", "LiaisonDesk register"), ("plain", "plain ReportLab")):
        r = res[name]
        print(f"{label:22s} pages {r['pages']:6d}  wall {r['wall_s']:7.2f} s ({r['pages_per_s_wall']:6.1f} pages/s)"
              f"  cpu {r['cpu_s']:7.2f} s ({r['pages_per_s_cpu']:6.1f} pages/s)")
    print(f"ratio (ours / plain, pages per second): wall {res['ratio_wall']}, cpu {res['ratio_cpu']}"
          "  (targets: ratio ≥ 0.8, ≥ 60 pages/s)")
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
