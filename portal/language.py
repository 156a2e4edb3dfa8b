"""The language switch."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def set_language(request):
    """Django's set_language, able to translate any page's address.

    Django translates `next` only when it is in the language of the request, so a
    visitor who arrived at an English page by a shared link (no language cookie)
    would stay on it. Reading the language from `next` itself fixes that.
    """
    next_path = urlsplit(request.POST.get("next", request.GET.get("next", ""))).path
    language = translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE
    with translation.override(language):
        return django_set_language(request)
