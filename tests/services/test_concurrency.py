"""Two desks' worth of writers on one file: numbers stay unique and gap-free, nothing is lost."""

from __future__ import annotations

import threading

from liaison_desk.domain.case_number import parse_case_number
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit


def test_concurrent_registrations_get_distinct_consecutive_numbers(db, deputy_actor):
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        try:
            for i in range(8):
                res = register_visit(db, deputy_actor, VisitInput(visitor_names="刘德福", visitor_phone=f"1370000{k}{i:03d}"),
                                     CaseInput(content=f"第 {k}-{i} 件：路灯不亮"))
                assert res.case_number is not None
                with lock:
                    numbers.append(res.case_number)
        except BaseException as exc:  # noqa: BLE001 - surfaced below: a thread failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    seqs = sorted(parse_case_number(n).seq for n in numbers)
    assert seqs == list(range(1, 25))
    assert compute_stats(db)["cases"]["total"] == 24
