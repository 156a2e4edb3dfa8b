"""What the benchmark prints: the figures of each database and one line per tracked ratio."""

import contextlib
import os
import platform
import sqlite3
from pathlib import Path

from tools.bench.targets import CONCURRENCY, TARGETS


def log(message):
    print(message, flush=True)


def met(value, target):
    operator, bound, _databases = target
    return value >= bound if operator == ">=" else value <= bound


def machine():
    memory, model, load = "unknown", "", None
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory": memory,
        "load_average_at_start": load,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def report_engine(engine, figures):
    sizes = figures["sizes"]
    log("")
    log(
        f"[{engine}] Pages at {sizes['large']:,} organisations "
        f"(list also at {sizes['small']:,}), {CONCURRENCY} connections"
    )
    log(f"  {'page':<34} {'req/s':>8} {'p50 ms':>9} {'p95 ms':>9} {'errors':>6}  rounds")
    for name, page in figures["pages"].items():
        if "unavailable" in page:
            log(f"  {name:<34} {page['unavailable']}")
            continue
        p50, p95 = (
            "-" if page[key] is None else f"{page[key]:.1f}" for key in ("p50_ms", "p95_ms")
        )
        errors = page["errors"] + page["http_errors"]
        rounds = " / ".join(f"{value:g}" for value in page["rounds"])
        log(
            f"  {name:<34} {page['requests_per_second']:>8.1f} {p50:>9} {p95:>9} {errors:>6}  "
            f"{rounds}" + (f"  (cache: {page['cache']})" if "cache" in page else "")
        )
    log(f"[{engine}] CSV export of every organisation ({sizes['large']:,} rows)")
    for name, export in figures["csv_export"].items():
        if "unavailable" in export:
            log(f"  {name:<16} {export['unavailable']}")
            continue
        line = f"  {name:<16} {export['rows']:>8,} rows in {export['seconds']:.2f}s = "
        line += f"{export['rows_per_second']:>10,.0f} rows/s"
        if "peak_memory_growth_mb" in export:
            line += (
                f"; worker peak memory growth {export['peak_memory_growth_mb']:.1f} MB"
                f" (peak RSS {export['peak_worker_rss_mb']:.1f} MB)"
            )
        log(line)
    log(f"[{engine}] Queries per page")
    for name, queries in figures["query_counts"].items():
        log(f"  {name:<40} {'not available yet' if queries is None else queries}")


def ratio_lines(results):
    """`ratio DATABASE NAME VALUE TARGET MET` for every ratio that applies to the database."""
    lines = []
    for engine, figures in results.items():
        for name, target in TARGETS.items():
            operator, bound, databases = target
            if engine not in databases:
                continue
            value = figures["ratios"].get(name)
            if value is None:
                shown, verdict = "n/a", "not measured"
            else:
                shown, verdict = f"{value:.2f}", "met" if met(value, target) else "MISSED"
            lines.append(f"ratio {engine} {name} {shown} {operator}{bound:g} {verdict}")
    return lines


def report(results):
    for engine, figures in results.items():
        report_engine(engine, figures)
    log("")
    for line in ratio_lines(results):
        log(line)
