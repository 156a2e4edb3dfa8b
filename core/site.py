"""The portal's canonical address, for the absolute links in exports and calendars.

With SITE_URL set (production), every absolute link starts with it, whatever
Host header a request carries. Without it (development), links use the
request's own scheme and host, and the page cache keeps pages per host so
that one visitor's Host header never reaches another visitor's page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def site_root(request):
    """`https://registry.example.org`: the configured address, or the request's."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


def absolute_url(request, location):
    """`location` (a path such as `/en/councils/`) as an absolute URL on the canonical site."""
    if not location or urlsplit(location).scheme:
        return location
    if not settings.SITE_URL:
        return request.build_absolute_uri(location)
    return settings.SITE_URL + "/" + location.lstrip("/")


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    if settings.SITE_URL:
        return []
    return [
        checks.Warning(
            "SITE_URL is not set, so absolute links in exports and calendars use each "
            "request's Host header.",
            hint="Set SITE_URL to the portal's public address, e.g. https://registry.example.org",
            id="core.W001",
        )
    ]
