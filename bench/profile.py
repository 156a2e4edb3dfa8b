"""Profile pages of a synthetic registry: `python -m bench.profile [--size 100000] PATH ...`.

Builds each page twice in-process with the benchmark's production settings
(the first request warms up) and prints pyinstrument's profile of the second;
a parameter no page reads keeps the page cache out of the way.
"""

import argparse
import os
import time

from bench.run import RESULTS, django_env


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="e.g. /organisations/?sector=industry")
    parser.add_argument("--size", type=int, default=100_000, help="organisations (default 100k)")
    args = parser.parse_args(argv)
    database = RESULTS / f"registry-{args.size}.sqlite3"
    if not database.exists():
        parser.error(f"{database.name} does not exist yet: run `make bench` first.")
    os.environ.update(django_env(database))

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
