from http.server import BaseHTTPRequestHandler

import pytest

from tools.bench.load import drive, fetch

from .serving import serving


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"x" * 1000
        self.send_response(404 if self.path == "/missing" else 200)
        if self.path == "/chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (body[:300], body[300:]):
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            if self.path == "/close":
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    with serving(Handler) as address:
        yield address


@pytest.mark.parametrize("path", ["/", "/close", "/chunked"])
def test_fetch_reads_the_whole_body_however_it_is_framed(server, path):
    status, size, seconds = fetch(*server, path)

    assert (status, size) == (200, 1000)
    assert seconds > 0


def test_drive_counts_every_completed_request_by_status(server):
    result = drive(*server, "/close", concurrency=2, duration=0.3)

    assert len(result.latencies) > 2
    assert result.statuses == {200: len(result.latencies)}
    assert result.errors == 0
    assert result.requests_per_second > 0


def test_drive_asks_for_a_new_path_each_time_when_given_a_function(server):
    paths = iter(["/", "/missing"] * 10_000)

    result = drive(*server, lambda: next(paths), concurrency=1, duration=0.2)

    assert set(result.statuses) == {200, 404}
