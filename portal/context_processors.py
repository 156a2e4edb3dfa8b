from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def language_links(request):
    """This page in each language, for the language switch.

    Links rather than a form posting to set_language: a page with a CSRF token is
    personal and could not be cached or shared between visitors.
    """
    path = request.get_full_path()
    current = get_language()
    return {
        "language_links": [
            {"code": code, "url": translate_url(path, code), "current": code == current}
            for code, _name in settings.LANGUAGES
        ]
    }
