"""The servers the benchmark starts, and what it reads from them over HTTP."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
PYTHON = sys.executable
ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results"


class CannotRun(Exception):
    """Something the benchmark needs is missing: the only reason to exit non-zero."""


def port_is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


class Server:
    """A child process in its own process group, stopped with everything it started."""

    def __init__(self, name, command, env, port, ready_path):
        if not port_is_free(port):
            raise CannotRun(f"Port {port} is in use; set BENCH_PORT to a free range.")
        self.name, self.port, self.ready_path = name, port, ready_path
        self.log_path = RESULTS / f"{name}.log"
        self.log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                status, _ = get(self.port, self.ready_path)
                if status == 200:
                    return
            time.sleep(0.2)
        self.stop()
        tail = self.log_path.read_text()[-2000:]
        raise CannotRun(f"{self.name} did not start on port {self.port}:\n{tail}")

    def workers(self):
        """Process ids of the server's worker processes (gunicorn's children)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            return [int(child) for child in children.read_text().split()] or [pid]
        return [pid]

    def cpu_ticks(self):
        ticks = 0
        for pid in {self.process.pid, *self.workers()}:
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime + stime
        return ticks

    def settle(self, timeout):
        """Wait until the server has finished what the last run left in its queue.

        Requests still being served when a run ends would otherwise slow the
        next target down; a fifth of a second without CPU use means idle.
        """
        deadline = time.monotonic() + timeout
        before = self.cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.cpu_ticks()
            if now - before <= 2:
                return
            before = now

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


def gunicorn_command(port):
    """The production command line (`make serve`), bound to the benchmark's port."""
    command = [PYTHON, "-m", "gunicorn", "--bind", f"{HOST}:{port}"]
    config = ROOT / "gunicorn.conf.py"
    if config.exists():
        command += ["--config", str(config)]
    else:
        cpus = os.cpu_count() or 1
        workers = 2 * cpus + 1 if os.environ.get("REDIS_URL") else 1
        command += ["--worker-class", "gthread", "--workers", str(workers)]
        command += ["--threads", str(2 * cpus)]
    # Production replaces a worker after about 2,000 requests (`max_requests`), each at
    # its own count, so that its siblings serve while it starts again. The benchmark's
    # single worker (without Redis) would instead stop serving for a second or more
    # every 3 to 4 seconds of load: a pause at a random point of each 8-second round,
    # which swung the ratios more than anything measured. It keeps one worker throughout.
    command += ["--max-requests", "0"]
    return [*command, "portal.wsgi:application"]


def get(port, path):
    """One GET with the standard library; returns (status, response headers)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def download_csv(server, path):
    """Stream one CSV export; rows, seconds and the largest growth of any worker's memory."""
    workers = server.workers()
    before = {}
    for pid in workers:
        # Writing 5 to clear_refs resets the peak (VmHWM) to the current size, so the
        # peak after the export is the export's own; where that is not allowed, the
        # growth of the old peak is a lower bound.
        baseline = "VmRSS"
        try:
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        except OSError:
            baseline = "VmHWM"
        before[pid] = memory_kb(pid, baseline)
    connection = http.client.HTTPConnection(HOST, server.port, timeout=600)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    if response.status != 200:
        connection.close()
        return {"status": response.status}
    newlines = 0
    first = response.read(65536)
    size = len(first)
    newlines += first.count(b"\n")
    while chunk := response.read(65536):
        size += len(chunk)
        newlines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    connection.close()
    growth = 0
    for pid, baseline in before.items():
        with contextlib.suppress(OSError):
            growth = max(growth, memory_kb(pid, "VmHWM") - baseline)
    rows = newlines - 1  # the header
    return {
        "status": 200,
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rows_per_second": rows / seconds,
        "peak_memory_growth_mb": growth / 1024,
        "peak_worker_rss_mb": max(memory_kb(pid, "VmHWM") for pid in workers) / 1024,
    }
