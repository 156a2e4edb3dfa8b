"""`{% cachedcontent "name" [value ...] %}…{% endcachedcontent %}`: heavy content, rendered once.

The rendered content is stored under the name, the values given, the language,
and the registry's cache version (portal.cache), which every committed write
moves: a hit is never older than the registry. Views hand such templates lazy
context (core.views.lazy_context), so a hit runs none of the queries the
content needs.

Unlike Django's `{% cache %}`, which raises when the cache (Redis) is down, an
unreachable cache only means the content is rendered as if never cached.
"""

import hashlib
import logging

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.cache import VERSION_KEY, current_version, release

logger = logging.getLogger(__name__)
register = template.Library()


class CachedContentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def cache_key(self, context):
        name = self.name.resolve(context)
        values = "\x1f".join(str(value.resolve(context)) for value in self.values)
        digest = hashlib.sha256(values.encode("utf-8", "surrogateescape")).hexdigest()
        return f"content:{release()}:{name}:{get_language()}:{digest}"

    def render(self, context):
        key = self.cache_key(context)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or current_version()
        except Exception:
            logger.warning("Content cache unavailable; rendering the content", exc_info=True)
            return self.nodelist.render(context)
        entry = found.get(key)
        if entry and entry[0] == version:
            return mark_safe(entry[1])
        content = self.nodelist.render(context)
        try:
            cache.set(key, (version, str(content)), timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Could not store content in the cache", exc_info=True)
        return content


@register.tag
def cachedcontent(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name")
    nodelist = parser.parse(("endcachedcontent",))
    parser.delete_first_token()
    return CachedContentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
