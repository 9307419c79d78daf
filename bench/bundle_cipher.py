"""Encrypted USB bundles (issue 17): what AES-256-GCM (over zlib) costs against the earlier signed-only format.

A station's push bundle of N changes shaped like the outbox's (a visit, a case with 300 characters of
Chinese text, a case event: phones, ID numbers and names in them), written and read both ways, side by side
in one run: seconds to write (``dumps``) and to read (``verify``), and the file's size.

    python -m bench.bundle_cipher            # N = 30,000 changes (10,000 visits with their case and event)
    python -m bench.bundle_cipher --quick    # N = 3,000
"""

from __future__ import annotations

import argparse
import random
import time
import uuid


def _changes(n: int) -> list[dict]:
    from liaison_desk.domain.payload import change_payload

    rnd = random.Random(17)
    origin = str(uuid.uuid4())
    out = []
    for i in range(n):
        kind = i % 3
        fields: dict
        if kind == 0:
            fields = {"visitor_names": rnd.choice("张王李赵刘陈") + "某某", "visitor_phone": f"139{rnd.randrange(10**8):08d}",
                      "id_number": f"110101199{rnd.randrange(10**9):09d}", "village": "柳树湾村", "headcount": 1}
            entity = "visits"
        elif kind == 1:
            fields = {"number": f"LX01-250101-{i:03d}", "content": "".join(rnd.choice("路灯水渠道路补贴医保低保")
                                                                           for _ in range(300)),
                      "summary": "路灯不亮", "status": "registered"}
            entity = "cases"
        else:
            fields = {"kind": "assign", "data": {"department": "县水利局"}, "actor": "值班员"}
            entity = "case_events"
        payload, digest = change_payload(entity, str(uuid.uuid4()), "insert", fields,
                                         f"{1_700_000_000_000 + i:013d}-0000-{origin[:8]}", origin)
        out.append({"seq": i + 1, "change_id": str(uuid.uuid4()), "payload": payload, "payload_hash": digest})
    return out


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    args = p.parse_args(argv)
    n, repeat = (3000, 3) if args.quick else (30000, 3)

    from liaison_desk.sync import bundle

    key = bundle.bundle_key("credential-of-LX01")
    body = {"kind": "push", "bundle_id": str(uuid.uuid4()), "station_code": "LX01", "install_id": "i",
            "station_id": str(uuid.uuid4()), "cursor": 0, "changes": _changes(n)}
    plain, sealed = bundle.plain_dumps(body, key), bundle.dumps(body, key)
    rows = [
        ("plain (signed)", _best(lambda: bundle.plain_dumps(body, key), repeat),
         _best(lambda: bundle.verify(plain, key, kind="push", allow_plain=True), repeat), len(plain.encode())),
        ("encrypted", _best(lambda: bundle.dumps(body, key), repeat),
         _best(lambda: bundle.verify(sealed, key, kind="push"), repeat), len(sealed.encode())),
    ]
    print(f"push bundle of {n:,} changes (best of {repeat})")
    print(f"{'format':<16}{'write s':>10}{'read s':>10}{'size MB':>10}")
    for name, w, r, size in rows:
        print(f"{name:<16}{w:>10.3f}{r:>10.3f}{size / 1e6:>10.2f}")
    (_, pw, pr, ps), (_, sw, sr, ss) = rows
    print(f"encrypted/plain: write {sw / pw:.2f}x, read {sr / pr:.2f}x, size {ss / ps:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
