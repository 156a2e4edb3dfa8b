"""Load generators: wrk, and the benchmark's own Python client as a fallback.

wrk (Debian's `wrk` package) is a C program using a few percent of a core
where the Python client needs most of one, so on a small machine it leaves
the server its CPUs and measures the server rather than the client. The
benchmark installs it with apt-get when it is missing, as CI does for
Chromium; only when that is impossible does it fall back to `load.py`, and
every figure it prints then says so.

Both drivers return the same summary of one run: requests completed, seconds,
requests per second, p50 and p95 latency, errors (connection failures and
timeouts) and responses with a status of 400 or more.
"""

import json
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from tools.bench.load import drive

WRK_THREADS = 2

# Each request asks for `prefix` + a value no other request of the run uses, so
# that no cache has seen the URL before. wrk gives every thread its own Lua
# state: `setup` numbers the threads so that their values never collide.
# `done` prints the figures as one JSON line after wrk's own report.
WRK_SCRIPT = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local counter = 0
function request()
  if unique_prefix == nil then
    return wrk.format("GET", fixed_path)
  end
  counter = counter + 1
  return wrk.format("GET", unique_prefix .. thread_id .. "-" .. counter)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
      .. '"p50_us": %d, "p95_us": %d}\\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def lua_string(text):
    return json.dumps(text)  # a JSON string of ASCII is a valid Lua string literal


def ensure_wrk():
    """The path of wrk, installing Debian's package when it is missing; None if impossible."""
    if os.environ.get("BENCH_DRIVER") == "python":
        return None
    if found := shutil.which("wrk"):
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("  wrk is missing: installing Debian's wrk package", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            if subprocess.run(command, env=env, capture_output=True).returncode:
                break
        return shutil.which("wrk")
    return None


class Wrk:
    name = "wrk"
    label = "wrk"

    def __init__(self, executable, *, host):
        self.executable, self.host = executable, host
        self.script = Path(tempfile.mkdtemp(prefix="bench-wrk-")) / "bench.lua"

    def run(self, port, path, *, unique, concurrency, duration):
        """Load `path` for `duration` seconds; `unique` gives every request its own URL."""
        if unique:
            separator = "&" if "?" in path else "?"
            # A run-wide nonce keeps URLs apart from every earlier run's too.
            prefix = f"{path}{separator}_bench={uuid.uuid4().hex[:8]}-"
            settings = f"unique_prefix = {lua_string(prefix)}"
        else:
            settings = f"fixed_path = {lua_string(path)}"
        self.script.write_text(settings + "\n" + WRK_SCRIPT)
        threads = min(WRK_THREADS, concurrency)
        completed = subprocess.run(
            [
                self.executable,
                f"--threads={threads}",
                f"--connections={concurrency}",
                f"--duration={max(1, round(duration))}s",
                "--timeout=60s",
                f"--script={self.script}",
                f"http://{self.host}:{port}/",
            ],
            capture_output=True,
            text=True,
        )
        for line in completed.stdout.splitlines():
            if line.startswith("WRK-JSON "):
                raw = json.loads(line.removeprefix("WRK-JSON "))
                break
        else:
            raise RuntimeError(f"wrk printed no figures:\n{completed.stdout}\n{completed.stderr}")
        seconds = raw["duration_us"] / 1e6
        return {
            "requests": raw["requests"],
            "seconds": seconds,
            "requests_per_second": raw["requests"] / seconds if seconds else 0.0,
            "p50_ms": raw["p50_us"] / 1000,
            "p95_ms": raw["p95_us"] / 1000,
            "errors": raw["errors"],
            "http_errors": raw["status_errors"],
        }


class PythonClient:
    """The fallback: one asyncio process, itself using most of a core."""

    name = "python"
    label = "the benchmark's own Python client (FALLBACK: wrk is not installed)"

    def __init__(self, *, host):
        self.host = host

    def run(self, port, path, *, unique, concurrency, duration):
        if unique:
            separator = "&" if "?" in path else "?"
            nonce = uuid.uuid4().hex[:8]
            serial = iter(range(10**9))
            target = lambda: f"{path}{separator}_bench={nonce}-{next(serial)}"  # noqa: E731
        else:
            target = path
        result = drive(self.host, port, target, concurrency=concurrency, duration=duration)
        p50, p95 = result.percentile(0.5), result.percentile(0.95)
        return {
            "requests": len(result.latencies),
            "seconds": result.elapsed,
            "requests_per_second": result.requests_per_second,
            "p50_ms": None if p50 is None else p50 * 1000,
            "p95_ms": None if p95 is None else p95 * 1000,
            # Requests still in flight when the time was up are not errors (wrk drops them too).
            "errors": result.errors,
            "http_errors": sum(n for status, n in result.statuses.items() if status >= 400),
        }


def load_driver(host):
    """wrk when it is (or can be) installed, else the labelled Python fallback."""
    executable = ensure_wrk()
    return Wrk(executable, host=host) if executable else PythonClient(host=host)


def combine(runs):
    """Rounds of one target: their requests over their seconds; the median round's latencies."""
    requests = sum(run["requests"] for run in runs)
    seconds = sum(run["seconds"] for run in runs)

    def median(key):
        values = sorted(run[key] for run in runs if run[key] is not None)
        return round(values[len(values) // 2], 2) if values else None

    return {
        "requests": requests,
        "requests_per_second": round(requests / seconds, 1) if seconds else 0.0,
        "rounds": [round(run["requests_per_second"], 1) for run in runs],
        "p50_ms": median("p50_ms"),
        "p95_ms": median("p95_ms"),
        "errors": sum(run["errors"] for run in runs),
        "http_errors": sum(run["http_errors"] for run in runs),
    }
