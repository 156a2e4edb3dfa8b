"""A small HTTP/1.1 load generator: N connections, each sending GETs back to back.

Every server in the benchmark is driven by this same code at the same
concurrency, so its own cost (one asyncio process sharing the machine with
the server) weighs equally on every figure and cancels out in the ratios.
"""

import asyncio
import contextlib
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    """Requests completed in a run and how long each took, in seconds."""

    elapsed: float = 0.0
    latencies: list = field(default_factory=list)
    errors: int = 0
    unfinished: int = 0
    statuses: dict = field(default_factory=dict)

    def add(self, other):
        self.elapsed += other.elapsed
        self.latencies += other.latencies
        self.errors += other.errors
        self.unfinished += other.unfinished
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count

    @property
    def requests_per_second(self):
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction):
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else None
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[
            round(fraction * 100) - 1
        ]


class Connection:
    """One client connection; reconnects whenever the server closes it."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    def abort(self):
        """Drop the connection at once, even one a cancelled request left half-closed."""
        if self.writer is not None:
            self.writer.transport.abort()
        self.reader = self.writer = None

    async def get(self, path):
        """GET `path`; returns (status, body length)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n"
        self.writer.write(request.encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split()[:2]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip().lower()
        keep_alive = version == "HTTP/1.1" and headers.get("connection") != "close"
        if "content-length" in headers:
            size = len(await self.reader.readexactly(int(headers["content-length"])))
        elif headers.get("transfer-encoding") == "chunked":
            size = 0
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        else:
            size = len(await self.reader.read())
            keep_alive = False
        if not keep_alive:
            await self.close()
        return int(status), size


async def _drive(host, port, path, concurrency, duration):
    result = Result()
    deadline = time.perf_counter() + duration
    connections = [Connection(host, port) for _ in range(concurrency)]

    async def client(connection):
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status, _ = await connection.get(path() if callable(path) else path)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                result.errors += 1
                await connection.close()
                continue
            result.latencies.append(time.perf_counter() - started)
            result.statuses[status] = result.statuses.get(status, 0) + 1

    started = time.perf_counter()
    tasks = [asyncio.create_task(client(connection)) for connection in connections]
    # A fixed duration, as wrk and locust have it: requests still in flight at the
    # end are abandoned and counted as unfinished, so a very slow page cannot
    # stretch the run (and CI's time budget) without bound.
    _, pending = await asyncio.wait(tasks, timeout=duration)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    result.unfinished += len(pending)
    result.elapsed = time.perf_counter() - started
    for connection in connections:
        connection.abort()
    return result


def drive(host, port, path, *, concurrency, duration):
    """Send GETs to `path` (a string, or a function giving a new one per request)."""
    return asyncio.run(_drive(host, port, path, concurrency, duration))


def fetch(host, port, path):
    """One GET; returns (status, body length, seconds)."""

    async def once():
        connection = Connection(host, port)
        try:
            started = time.perf_counter()
            status, size = await connection.get(path)
            return status, size, time.perf_counter() - started
        finally:
            await connection.close()

    return asyncio.run(once())
