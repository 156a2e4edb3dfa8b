from bench import run
from bench.load import Result


def test_ratios_are_missing_where_a_page_is_not_available_yet():
    figures = {
        "pages": {
            "hello_world": {"requests_per_second": 1000.0},
            "home_cached": {"requests_per_second": 900.0},
            "organisation_list_uncached": {"unavailable": "not available yet"},
        },
        "csv_export": {
            "portal": {"unavailable": "not available yet"},
            "datasette": {"rows_per_second": 1000.0},
            "raw_python_csv": {"rows_per_second": 5000.0},
        },
    }

    ratios = run.ratios(figures)

    assert ratios["cached_page_vs_hello"] == 0.9
    assert ratios["uncached_list_vs_hello"] is None
    assert ratios["csv_rows_vs_raw"] is None


def test_report_ends_with_one_ratio_line_per_target(capsys):
    figures = {
        "sizes": {"small": 1000, "large": 10000},
        "concurrency": 8,
        "pages": {"hello_world": summary(1000.0)},
        "csv_export": {"raw_python_csv": {"rows": 10, "seconds": 1.0, "rows_per_second": 10.0}},
        "query_counts": {"home": 2},
        "ratios": dict.fromkeys(run.TARGETS, 1.0) | {"csv_memory_growth_mb": None},
    }

    run.report(figures)

    lines = capsys.readouterr().out.strip().splitlines()[-len(run.TARGETS) :]
    assert lines[0] == "ratio cached_page_vs_hello 1.00 >=0.8"
    assert "ratio csv_memory_growth_mb n/a <=50" in lines
    assert lines[-1] == "ratio list_latency_large_vs_small 1.00 <=1.5"


def test_percentiles_of_a_load_run():
    result = Result(elapsed=2.0, latencies=[i / 1000 for i in range(1, 101)])

    assert result.requests_per_second == 50
    assert round(result.percentile(0.5), 3) == 0.05
    assert round(result.percentile(0.95), 3) == 0.095


def summary(rps):
    return {"requests_per_second": rps, "p50_ms": 1.0, "p95_ms": 2.0, "errors": 0, "unfinished": 0}
