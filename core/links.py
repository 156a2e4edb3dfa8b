"""Detail-page links for list pages, without one `reverse()` per row."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@cache
def _pk_url_parts(viewname, language, script_prefix, urlconf):
    # The arguments other than viewname only key the cache: each changes what reverse() returns.
    url = reverse(viewname, kwargs={"pk": 0})
    head, tail = url.rsplit("/0/", 1)
    return f"{head}/", f"/{tail}"


def pk_url(viewname, pk):
    """reverse(viewname, kwargs={"pk": pk}), reversing each URL pattern once per language."""
    head, tail = _pk_url_parts(
        viewname, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    return f"{head}{pk}{tail}"
