from tools.bench import report, run
from tools.bench.drivers import combine
from tools.bench.load import Result
from tools.bench.targets import TARGETS


def figures(pages, exports):
    return {"pages": pages, "csv_export": exports}


def test_ratios_are_missing_where_a_page_is_not_available_yet():
    ratios = run.ratios(
        figures(
            {
                "hello_world": {"requests_per_second": 1000.0},
                "home_cached": {"requests_per_second": 900.0},
                "home_uncached": {"requests_per_second": 150.0},
                "organisation_list_uncached": {"unavailable": "not available yet"},
            },
            {
                "portal": {"unavailable": "not available yet"},
                "datasette": {"rows_per_second": 1000.0},
                "raw_python_csv": {"rows_per_second": 5000.0},
            },
        )
    )

    assert ratios["cached_page_vs_hello"] == 0.9
    assert ratios["uncached_home_vs_hello"] == 0.15
    assert ratios["uncached_list_vs_hello"] is None
    assert ratios["uncached_council_vs_hello"] is None
    assert ratios["csv_rows_vs_raw"] is None


def test_the_slowest_cached_page_sets_the_cached_ratio():
    ratios = run.ratios(
        figures(
            {
                "hello_world": {"requests_per_second": 1000.0},
                "home_cached": {"requests_per_second": 950.0},
                "council_cached": {"requests_per_second": 500.0},
                "organisation_list_cached": {"requests_per_second": 990.0},
            },
            {"raw_python_csv": {"rows_per_second": 5000.0}},
        )
    )

    assert ratios["cached_page_vs_hello"] == 0.5


def test_postgresql_has_no_datasette_ratio_lines():
    every_ratio = dict.fromkeys(TARGETS, 1.0)
    results = {
        "sqlite": {"ratios": every_ratio},
        "postgresql": {"ratios": every_ratio | {"uncached_list_vs_datasette": None}},
    }

    lines = report.ratio_lines(results)

    sqlite = [line for line in lines if line.startswith("ratio sqlite ")]
    postgresql = [line for line in lines if line.startswith("ratio postgresql ")]
    assert len(sqlite) == len(TARGETS)
    assert not any("datasette" in line for line in postgresql)
    assert "ratio sqlite uncached_list_vs_datasette 1.00 >=5 MISSED" in sqlite
    assert "ratio postgresql csv_memory_growth_mb 1.00 <=50 met" in postgresql


def test_a_ratio_that_could_not_be_measured_says_so():
    results = {"sqlite": {"ratios": dict.fromkeys(TARGETS)}}

    lines = report.ratio_lines(results)

    assert "ratio sqlite uncached_home_vs_hello n/a >=0.1 not measured" in lines


def test_rounds_combine_into_requests_over_seconds_and_the_median_latency():
    rounds = [
        {"requests": 100, "seconds": 1.0, "requests_per_second": 100.0, "p50_ms": 5.0,
         "p95_ms": 9.0, "errors": 0, "http_errors": 1},
        {"requests": 300, "seconds": 1.0, "requests_per_second": 300.0, "p50_ms": 2.0,
         "p95_ms": 4.0, "errors": 2, "http_errors": 0},
        {"requests": 200, "seconds": 2.0, "requests_per_second": 100.0, "p50_ms": 3.0,
         "p95_ms": 7.0, "errors": 0, "http_errors": 0},
    ]  # fmt: skip

    combined = combine(rounds)

    assert combined["requests_per_second"] == 150.0
    assert combined["rounds"] == [100.0, 300.0, 100.0]
    assert (combined["p50_ms"], combined["p95_ms"]) == (3.0, 7.0)
    assert (combined["errors"], combined["http_errors"]) == (2, 1)


def test_percentiles_of_a_load_run():
    result = Result(elapsed=2.0, latencies=[i / 1000 for i in range(1, 101)])

    assert result.requests_per_second == 50
    assert round(result.percentile(0.5), 3) == 0.05
    assert round(result.percentile(0.95), 3) == 0.095


def test_the_fastest_round_of_an_export_is_kept_whichever_came_first():
    slow, fast = {"rows_per_second": 900.0}, {"rows_per_second": 1200.0}
    assert run.faster(None, slow) is slow
    assert run.faster(slow, fast) is fast
    assert run.faster(fast, slow) is fast
