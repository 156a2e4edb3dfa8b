"""Load test (and fault test) of the production configuration on PostgreSQL.

    python tools/loadtest/run.py            # load: LOADTEST_USERS for LOADTEST_SECONDS
    python tools/loadtest/run.py --fault    # the same, restarting PostgreSQL midway

Serves the portal with gunicorn.conf.py (DEBUG off, whitenoise, the database
of DATABASE_URL, the cache of REDIS_URL if set), drives it with locust
headless over a mix of pages, filters and exports, and prints requests per
second, p50/p95/p99 latency and the error count. Exits non-zero when the bar
is not met: no error under load; under the fault, failures only while the
database is down, recovery without restarting gunicorn, no committed edit lost.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "test-artifacts" / "loadtest"
# After the database is back, requests already waiting may still fail briefly.
RECOVERY_GRACE_SECONDS = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOADTEST_USERS", 50)))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOADTEST_SECONDS", 60)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", 8410)))
    parser.add_argument("--fault", action="store_true", help="restart PostgreSQL midway")
    return parser.parse_args()


def production_env(port):
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The load test runs on PostgreSQL: set DATABASE_URL=postgres://...")
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUST_X_FORWARDED_PROTO": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }


def ensure_database(env):
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    server = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{db["NAME"]}"')


def url_mix():
    """[name, path, weight]: what a visitor reads most comes up most."""
    from councils.models import Council
    from events.models import Agreement, Event, Programme
    from members.models import Organisation, Person

    council = Council.objects.order_by("pk")
    slugs = list(council.values_list("slug", flat=True))
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    people = list(Person.objects.values_list("pk", flat=True))
    events = list(Event.objects.values_list("pk", flat=True))
    agreements = list(Agreement.objects.values_list("pk", flat=True))
    programmes = list(Programme.objects.values_list("pk", flat=True))

    mix = [
        ["home", "/", 6],
        ["home (en)", "/en/", 3],
        ["councils", "/councils/", 4],
        ["organisations", "/organisations/", 5],
        ["events", "/events/", 4],
        ["agreements", "/agreements/", 1],
        ["programmes", "/programmes/", 2],
        ["css", "/static/css/portal.css", 2],
    ]
    filters = [
        ["organisations?filter", "/organisations/", {"sector": "industry"}],
        ["organisations?filter", "/organisations/", {"prefecture": "okayama"}],
        ["organisations?filter", "/organisations/", {"council": slugs[0], "role": "chair"}],
        ["organisations?filter", "/organisations/", {"q": "大学", "sort": "name"}],
        ["organisations?filter", "/en/organisations/", {"country": "JP", "page": 1}],
        ["events?filter", "/events/", {"council": slugs[-1]}],
        ["events?filter", "/events/", {"date_after": "2023-01-01", "sort": "-date"}],
        ["events?filter", "/en/events/", {"fiscal_year": 2023}],
        ["search", "/search/", {"q": "半導体"}],
        ["search", "/en/search/", {"q": "Hiroshima"}],
        ["export csv", "/organisations/export.csv", {"sector": "industry"}],
        ["export json", "/organisations/export.json", {}],
        ["export csv", "/events/export.csv", {}],
        ["export json", "/programmes/export.json", {}],
        ["export ics", "/events/calendar.ics", {}],
    ]
    mix += [
        [name, f"{path}?{urlencode(query)}" if query else path, 2] for name, path, query in filters
    ]
    mix += [["council", f"/councils/{slug}/", 3] for slug in slugs]
    mix += [["council membership csv", f"/councils/{slug}/membership.csv", 1] for slug in slugs]
    mix += [["organisation", f"/organisations/{pk}/", 1] for pk in organisations]
    mix += [["person", f"/en/people/{pk}/", 1] for pk in people]
    mix += [["event", f"/events/{pk}/", 1] for pk in events]
    mix += [["event ics", f"/events/{pk}/calendar.ics", 1] for pk in events[:3]]
    mix += [["agreement", f"/agreements/{pk}/", 1] for pk in agreements]
    mix += [["programme", f"/programmes/{pk}/", 1] for pk in programmes]
    return mix


def served(base_url, mix):
    """The part of the mix this build serves; a page that errs stops the test."""
    kept, missing = [], []
    for name, path, weight in mix:
        response = requests.get(base_url + path, headers={"X-Forwarded-Proto": "https"})
        if response.status_code == 404:
            missing.append(path)
        elif response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code} before any load")
        else:
            kept.append([name, path, weight])
    if missing:
        print(f"Not served by this build, left out of the mix: {len(missing)} URLs")
    return kept


class Server:
    def __init__(self, env, log_path):
        self.env = env
        self.url = "http://" + env["GUNICORN_BIND"]
        self.log_path = log_path

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_healthy(60)
        except BaseException:
            self.__exit__()
            raise
        return self

    def wait_healthy(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                if requests.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not become healthy; see {self.log_path}")

    def __exit__(self, *exc_info):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class Writer(threading.Thread):
    """Commits one edit every half second, through the portal's own models, and
    remembers which ones the database acknowledged."""

    def __init__(self, stop):
        super().__init__(daemon=True)
        self.stop = stop
        self.acknowledged = []
        self.failed = 0

    def run(self):
        from django.db import DatabaseError, close_old_connections

        from councils.models import Council

        number = 0
        while not self.stop.is_set():
            number += 1
            marker = f"fault-test edit {number}"
            try:
                close_old_connections()
                council = Council.objects.get(slug="okayama")
                council.other_names = marker
                council.save()
                self.acknowledged.append(marker)
            except DatabaseError:
                self.failed += 1
                from django.db import connection

                connection.close()
            time.sleep(0.5)


def restart_postgres():
    command = os.environ.get("PG_RESTART_COMMAND")
    if command:
        return subprocess.run(command, shell=True, check=True)
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])[
        -1
    ]
    return subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True
    )


def report(summary):
    print(
        "\nLOAD TEST: {requests} requests, {rps} requests/s, p50 {p50_ms} ms, "
        "p95 {p95_ms} ms, p99 {p99_ms} ms, max {max_ms} ms, errors {errors}".format(**summary),
        flush=True,
    )


def main():
    args = parse_args()
    env = production_env(args.port)
    for key in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"):
        os.environ[key] = env[key]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    RESULTS.mkdir(parents=True, exist_ok=True)
    kind = "fault" if args.fault else "load"

    ensure_database(env)
    # In this process, whose settings are the server's: a Django start-up per
    # command cost seconds of CI's short runs.
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_registry", "--if-empty", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    failure_log = RESULTS / f"{kind}-failures.log"
    failure_log.write_text("")
    summary_path = RESULTS / f"{kind}-summary.json"
    with Server(env, RESULTS / f"{kind}-gunicorn.log") as server:
        mix = served(server.url, url_mix())
        urls_path = RESULTS / "urls.json"
        urls_path.write_text(json.dumps(mix, ensure_ascii=False))
        print(
            f"{kind} test: {args.users} users for {args.seconds} s over {len(mix)} URLs, "
            f"CONN_MAX_AGE={os.environ.get('CONN_MAX_AGE', '60')}, "
            f"cache={'Redis' if os.environ.get('REDIS_URL') else 'local memory'}",
            flush=True,
        )
        locust = subprocess.Popen(
            [
                BIN / "locust",
                "-f",
                ROOT / "tools" / "loadtest" / "locustfile.py",
                "--headless",
                "--only-summary",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{args.seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                server.url,
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **env,
                "LOADTEST_URLS": str(urls_path),
                "LOADTEST_FAILURE_LOG": str(failure_log),
                "LOADTEST_SUMMARY": str(summary_path),
                "LOADTEST_FAULT": "1" if args.fault else "0",
            },
        )
        if not args.fault:
            returncode = locust.wait()
            summary = json.loads(summary_path.read_text())
            report(summary)
            ok = returncode == 0 and summary["errors"] == 0
            print("PASS: no errors" if ok else "FAIL: errors under load")
            return 0 if ok else 1
        return fault(args, server, locust, failure_log, summary_path)


def fault(args, server, locust, failure_log, summary_path):
    from django.db import connection

    from councils.models import Council

    original = Council.objects.get(slug="okayama").other_names
    stop = threading.Event()
    writer = Writer(stop)
    writer.start()
    master_pid = server.process.pid

    time.sleep(args.seconds / 3)
    down_from = time.time()
    print("Restarting PostgreSQL...", flush=True)
    restart_postgres()
    up_at = time.time()
    server.wait_healthy(30)
    healthy_at = time.time()
    print(
        f"PostgreSQL restarted in {up_at - down_from:.1f} s; "
        f"portal healthy again {healthy_at - up_at:.1f} s later",
        flush=True,
    )
    locust.wait()
    stop.set()
    writer.join()

    failures = [line.split(" ", 1) for line in failure_log.read_text().splitlines()]
    outside = [
        line
        for stamp, line in failures
        if not (down_from - 1 <= float(stamp) <= healthy_at + RECOVERY_GRACE_SECONDS)
    ]
    connection.close()
    history = set(
        Council.history.filter(
            slug="okayama", other_names__startswith="fault-test edit "
        ).values_list("other_names", flat=True)
    )
    lost = [marker for marker in writer.acknowledged if marker not in history]
    current = Council.objects.get(slug="okayama").other_names
    # Leave the registry as it was: the value, and none of the test's history.
    Council.objects.filter(slug="okayama").update(other_names=original)
    Council.history.filter(other_names__startswith="fault-test edit ").delete()
    from portal.cache import invalidate_pages

    invalidate_pages()

    summary = json.loads(summary_path.read_text())
    report(summary)
    checks = {
        "failures only while the database was down": not outside,
        "gunicorn never restarted": server.process.poll() is None
        and server.process.pid == master_pid,
        "no committed edit lost": not lost and current == writer.acknowledged[-1],
        "traffic after recovery succeeded": requests.get(
            server.url + "/", headers={"X-Forwarded-Proto": "https"}
        ).status_code
        == 200,
    }
    print(
        f"Failed requests: {summary['errors']} of {summary['requests']}, "
        f"{len(outside)} outside the outage; edits committed {len(writer.acknowledged)}, "
        f"refused while down {writer.failed}, lost {len(lost)}"
    )
    for check, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}: {check}")
    for line in outside[:10]:
        print("  outside the outage:", line)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
