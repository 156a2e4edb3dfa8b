"""The language switch's view: Django's set_language, able to leave English again."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def set_language(request):
    """Set the language cookie and go to the same page in the chosen language.

    Django translates the `next` page by resolving its path in the request's
    language. This URL is unprefixed, so that is always Japanese, and an
    English path (/en/...) does not resolve: the visitor would stay on the
    English page. Resolving in the language of the `next` path itself fixes it.
    """
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or ""
    language = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(language or settings.LANGUAGE_CODE):
        return django_set_language(request)
