"""The health check tells a load balancer whether the database answers; every
request leaves one log line; a database outage is a clear 503, not a crash."""

import logging

from django.db import OperationalError


def test_health_is_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-store" in response["Cache-Control"]


def test_health_is_503_when_the_database_does_not_answer(client, db, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_health_answers_over_plain_http_even_when_https_is_enforced(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_a_page_is_a_503_while_the_database_is_down(client, registry, monkeypatch, caplog):
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    with caplog.at_level(logging.ERROR), monkeypatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "shutting down" in caplog.text


def test_one_log_line_per_request_with_status_and_duration(client, registry, caplog):
    with caplog.at_level(logging.INFO, logger="portal.request"):
        client.get("/councils/okayama/?page=1")
        client.get("/councils/okayama/?page=1")
        client.get("/councils/no-such-council/")
    lines = [record for record in caplog.records if record.name == "portal.request"]
    assert len(lines) == 3
    assert lines[0].getMessage().startswith("GET /councils/okayama/?page=1 200 ")
    assert "cache=miss" in lines[0].getMessage()
    assert "cache=hit" in lines[1].getMessage()
    assert " 404 " in lines[2].getMessage()
    assert all(record.duration_ms >= 0 for record in lines)


def test_each_response_carries_its_request_id(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "proxy-id-12345"})
    assert response["X-Request-ID"] == "proxy-id-12345"
    forged = client.get("/healthz", headers={"X-Request-ID": "bad id\nforged line"})
    assert forged["X-Request-ID"] != "bad id\nforged line"
    assert len(forged["X-Request-ID"]) == 32


def test_a_hostile_path_cannot_forge_a_log_line(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="portal.request"):
        client.get("/councils/x/", QUERY_STRING="a=1\nFAKE 200")
    assert "\n" not in caplog.records[-1].getMessage()


def test_server_errors_are_logged_with_the_request_id_and_traceback(client, registry, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    from portal.middleware import RequestIdFilter

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    client.raise_request_exception = False
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(CursorWrapper, "execute", broken)
            response = client.get("/")
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 500
    error = next(record for record in records if record.name == "django.request")
    assert error.exc_info and "a bug" in str(error.exc_info[1])
    assert error.request_id == response["X-Request-ID"]
