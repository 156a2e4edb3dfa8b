"""Tags for what every page's <head> says about it: Open Graph and the description."""

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import escape_uri_path
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import override

from core.site import absolute_url
from portal.cache import cacheable_parameters

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The text of block `name` as the page defines it, rendered once more.

    So that the <title> and the description can be repeated in the Open Graph
    tags without every page saying them twice.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push(block=block):
        rendered = block.nodelist.render(context)
    # The block's output is escaped HTML already; tags have no place in an attribute.
    return mark_safe(" ".join(strip_tags(rendered).split()))


def page_query(request):
    """The request's query string without the parameters no page reads.

    A shared address (og:url) or a language alternate then names the page by
    what chooses its content, not by one visitor's `?utm_source=…` or `fbclid`.
    """
    kept = request.GET.copy()
    for name in set(kept) - cacheable_parameters():
        del kept[name]
    return kept.urlencode()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """(hreflang, absolute URL) of this page in each language, for <link rel="alternate">.

    Each is the URL the request resolved to, reversed in the other language with the
    same query string: what translate_url() gives, from the match Django already made
    for the request rather than by resolving its path again.
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        # A page that does not exist has no other language either.
        return []
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    full_path = request.get_full_path()
    query = page_query(request)
    alternates = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            try:
                path = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = full_path
            else:
                url = f"{path}?{query}" if query else path
        alternates.append((code, absolute_url(request, url)))
    return alternates


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute address on the canonical site (SITE_URL), for og:url."""
    request = context.get("request")
    if request is None:
        return ""
    path, query = escape_uri_path(request.path), page_query(request)
    return absolute_url(request, f"{path}?{query}" if query else path)
