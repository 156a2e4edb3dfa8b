"""Every public page, export and admin page carries the security headers."""

import re

import pytest

from .urls import is_export, public_paths

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_secure_headers(response):
    for header, value in EXPECTED.items():
        assert response[header] == value, header
    hsts = response["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 365 * 24 * 60 * 60
    assert "includeSubDomains" in hsts
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def assert_no_inline_script(html):
    """What the policy would block: inline scripts and event-handler attributes."""
    for tag in re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE):
        assert "src=" in tag, f"inline script: {tag}"
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html, flags=re.IGNORECASE)
    assert not re.search(r"javascript:", html, flags=re.IGNORECASE)


def test_every_public_page_and_export_has_the_security_headers(client, registry):
    served = []
    for path in public_paths():
        response = client.get(path, secure=True)
        assert response.status_code < 500, path
        assert_secure_headers(response)
        if response.status_code == 200:
            served.append(path)
            if response["Content-Type"].startswith("text/html"):
                html = response.content.decode()
                assert_no_inline_script(html)
                # The public pages need no inline style either.
                assert "<style" not in html
                assert " style=" not in html
    assert "/" in served and "/en/" in served


def test_exports_are_not_sniffed_as_html(client, registry):
    for path in filter(is_export, public_paths()):
        response = client.get(path, secure=True)
        if response.status_code == 200:
            assert not response["Content-Type"].startswith("text/html"), path
            assert response["X-Content-Type-Options"] == "nosniff"


def test_a_cached_page_keeps_the_security_headers(client, registry):
    client.get("/", secure=True)
    response = client.get("/", secure=True)
    assert response["X-Cache"] == "hit"
    assert_secure_headers(response)


def test_the_admin_login_has_the_security_headers(client, db):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_no_inline_script(response.content.decode())


@pytest.mark.django_db
def test_admin_pages_work_under_the_policy(admin_client, registry):
    """The admin's own pages load only scripts from files, so the policy blocks nothing."""
    from django.contrib import admin

    paths = ["/admin/", "/admin/auth/user/", "/admin/auth/user/add/"]
    for model in admin.site._registry:
        meta = model._meta
        if meta.app_label in {"councils", "members", "events"}:
            paths.append(f"/admin/{meta.app_label}/{meta.model_name}/")
            first = model.objects.order_by("pk").first()
            if first is not None:
                paths.append(f"/admin/{meta.app_label}/{meta.model_name}/{first.pk}/change/")
                paths.append(f"/admin/{meta.app_label}/{meta.model_name}/{first.pk}/history/")
    for path in paths:
        response = admin_client.get(path, secure=True)
        assert response.status_code == 200, path
        assert_secure_headers(response)
        assert_no_inline_script(response.content.decode())


def test_plain_http_gets_no_hsts(client, db):
    # HSTS over plain HTTP would be ignored by browsers and is not sent.
    response = client.get("/healthz")
    assert "Strict-Transport-Security" not in response
