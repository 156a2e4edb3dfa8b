"""A throw-away HTTP server for the tests of the benchmark's load generators."""

import contextlib
import sys
import threading
from http.server import ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A load generator stops when its time is up, and may close a connection while
        # the server still writes: expected, so not a traceback in the test output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(handler):
    """A throw-away HTTP server on a free port, answering with `handler`; yields (host, port)."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    # serve_forever checks for shutdown every poll_interval: its default half a second
    # was most of each test that used this server.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd.server_address
    finally:
        httpd.shutdown()
        httpd.server_close()
