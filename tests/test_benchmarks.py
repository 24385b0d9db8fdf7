"""The benchmarks' own arithmetic: a figure printed from a wrong reading is worse than none."""

from pathlib import Path

import pytest

from bench.bench_http import wrk_figures

WRK = Path(__file__).parent / "data" / "wrk"


def test_wrk_report_gives_rate_and_requests():
    rate, answered = wrk_figures((WRK / "page.txt").read_text(), "http://127.0.0.1/")
    assert rate == pytest.approx(1818.91)
    assert answered == 1824


def test_a_run_answered_with_error_statuses_stops_the_benchmark():
    # An nginx that cannot read the saved page answers 403s, far faster than it sends pages:
    # bench_http once printed such rates as nginx's.
    with pytest.raises(SystemExit, match=r"http://127.0.0.1/missing/ answered 2521 requests"):
        wrk_figures((WRK / "error-statuses.txt").read_text(), "http://127.0.0.1/missing/")


def test_the_load_bench_fails_when_its_smtp_down_phase_never_happened():
    """Finding 10: it printed RESULT OK with 0 retries (the outage was never seen)."""
    from bench.bench_application_load import phase_problems

    everything = dict(
        submissions=200, accepted=200, stored=200, emails=400, sent=400, delivered=400, failed=0
    )
    assert phase_problems(**everything, retried=37) == []
    problems = phase_problems(**everything, retried=0)
    assert len(problems) == 1 and "SMTP-down" in problems[0]
    assert phase_problems(**{**everything, "stored": 199}, retried=5)
    assert phase_problems(**{**everything, "delivered": 398}, retried=5)
