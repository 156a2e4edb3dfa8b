import shutil
from http.server import BaseHTTPRequestHandler

import pytest

from tools.bench.drivers import PythonClient, Wrk, load_driver

from .serving import serving


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    paths = []

    def do_GET(self):
        self.paths.append(self.path)
        body = b"x" * 100
        self.send_response(404 if self.path.startswith("/missing") else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.paths = []
    with serving(Handler) as address:
        yield address


def drivers():
    found = [PythonClient(host="127.0.0.1")]
    if wrk := shutil.which("wrk"):
        found.append(Wrk(wrk, host="127.0.0.1"))
    return found


@pytest.mark.parametrize("driver", drivers(), ids=lambda driver: driver.name)
def test_unique_requests_never_repeat_a_url_and_keep_the_query(server, driver):
    figures = driver.run(server[1], "/list/?a=1", unique=True, concurrency=4, duration=1)

    assert figures["requests"] > 4
    assert figures["requests_per_second"] > 0
    assert figures["errors"] == figures["http_errors"] == 0
    assert all(path.startswith("/list/?a=1&_bench=") for path in Handler.paths)
    assert len(set(Handler.paths)) == len(Handler.paths)


@pytest.mark.parametrize("driver", drivers(), ids=lambda driver: driver.name)
def test_a_fixed_url_is_repeated_and_error_statuses_are_counted(server, driver):
    figures = driver.run(server[1], "/missing", unique=False, concurrency=2, duration=1)

    assert set(Handler.paths) == {"/missing"}
    assert figures["http_errors"] == figures["requests"] > 0
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]


def test_the_python_client_is_used_only_when_asked_for_or_without_wrk(monkeypatch):
    monkeypatch.setenv("BENCH_DRIVER", "python")

    driver = load_driver("127.0.0.1")

    assert driver.name == "python"
    assert "FALLBACK" in driver.label
