"""Request logging with a request id, and a clear answer while the database is down."""

import contextvars
import logging
import re
import time
import uuid

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.request")

# The id of the request being served, on every log line written while serving it.
request_id_var = contextvars.ContextVar("request_id", default="-")
# A proxy's request id is kept when it looks like one; anything else is replaced.
PROXY_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class RequestLogMiddleware:
    """One log line per request: method, path, status, duration, cache outcome."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if PROXY_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = (time.perf_counter() - started) * 1000
            response.headers["X-Request-ID"] = request_id
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            logger.log(
                level,
                "%s %s %s %.1fms cache=%s",
                request.method,
                # The path is escaped for the log: no forged lines from hostile URLs.
                request.get_full_path().encode("unicode_escape").decode("ascii"),
                response.status_code,
                duration_ms,
                getattr(request, "page_cache", "-"),
                extra={"status_code": response.status_code, "duration_ms": duration_ms},
            )
            return response
        finally:
            request_id_var.reset(token)


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, say so with a 503 instead of a server error.

    The error is still logged (with its traceback) so an outage is visible.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        message = _("The registry is briefly unavailable. Please try again in a moment.")
        response = HttpResponse(
            f"<!doctype html><title>503</title><p>{escape(message)}</p>",
            status=503,
        )
        response.headers["Retry-After"] = "5"
        response.headers["Cache-Control"] = "no-store"
        return response
