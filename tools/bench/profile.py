"""Profile pages of a synthetic registry: `python -m tools.bench.profile [--postgresql] PATH ...`.

Builds each page twice in-process with the benchmark's production settings
(the first request warms up) and prints pyinstrument's profile of the second;
a parameter no page reads keeps the page cache out of the way.
"""

import argparse
import os
import time

from tools.bench.data import DEFAULT_POSTGRES_URL, PostgresRegistry, SqliteRegistry


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="e.g. /organisations/?sector=industry")
    parser.add_argument("--size", type=int, default=100_000, help="organisations (default 100k)")
    parser.add_argument(
        "--postgresql", action="store_true", help="the PostgreSQL registry (BENCH_POSTGRES_URL)"
    )
    args = parser.parse_args(argv)
    if args.postgresql:
        url = os.environ.get("BENCH_POSTGRES_URL") or DEFAULT_POSTGRES_URL
        registry = PostgresRegistry(args.size, url)
        if not registry.exists():
            parser.error(f"{registry.name} does not exist yet: run `make bench` first.")
    else:
        registry = SqliteRegistry(args.size)
        if not registry.path.exists():
            parser.error(f"{registry.path.name} does not exist yet: run `make bench` first.")
    os.environ.update(registry.env())

    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    client = Client()
    for path in args.paths:
        separator = "&" if "?" in path else "?"
        client.get(f"{path}{separator}_bench=warm-up")
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        with profiler:
            response = client.get(f"{path}{separator}_bench=profile")
            if response.streaming:
                b"".join(response.streaming_content)
        print(f"{path}: HTTP {response.status_code} in {time.perf_counter() - started:.3f}s")
        print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
