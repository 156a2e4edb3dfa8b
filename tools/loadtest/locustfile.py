"""A visitor reading the registry: pages, filtered lists, details, search, exports.

Run by tools/loadtest/run.py, which passes the URLs this build serves (LOADTEST_URLS,
a JSON file of [name, path, weight]). Requests carry X-Forwarded-Proto as if a
TLS proxy stood in front, since production redirects plain HTTP.
"""

import json
import os
import random
import time

from locust import HttpUser, between, events, task

with open(os.environ["LOADTEST_URLS"]) as urls_file:
    URLS = json.load(urls_file)
NAMES, PATHS, WEIGHTS = zip(*URLS, strict=True)
FAILURE_LOG = os.environ.get("LOADTEST_FAILURE_LOG")


class Visitor(HttpUser):
    # A short pause between pages, as a reader clicking through.
    wait_time = between(0.1, 0.5)

    def on_start(self):
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.headers["Accept-Language"] = random.choice(["ja", "en", "ja,en;q=0.5"])

    def on_stop(self):
        self.client.close()

    @task
    def visit(self):
        index = random.choices(range(len(PATHS)), weights=WEIGHTS)[0]
        with self.client.get(PATHS[index], name=NAMES[index], catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


@events.request.add_listener
def record_failure_time(name, exception, **kwargs):
    # The fault test checks that failures happened only while the database was down.
    if exception and FAILURE_LOG:
        with open(FAILURE_LOG, "a") as log:
            log.write(f"{time.time():.3f} {name} {exception}\n")


@events.quitting.add_listener
def print_summary(environment, **kwargs):
    total = environment.stats.total
    summary = {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "rps": round(total.total_rps, 1),
        "p50_ms": total.get_response_time_percentile(0.50),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "max_ms": round(total.max_response_time or 0),
    }
    if os.environ.get("LOADTEST_SUMMARY"):
        with open(os.environ["LOADTEST_SUMMARY"], "w") as summary_file:
            json.dump(summary, summary_file)
    if total.num_failures and os.environ.get("LOADTEST_FAULT") != "1":
        environment.process_exit_code = 1
