"""The admin screens staff see, and the English words they may show.

Shared by the HTTP check (tests/portal/test_admin_japanese.py) and the browser
check at 1280 px (tests/browser/test_admin_screens.py).
"""

import contextlib
import re
from html import unescape

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.db import models
from django.urls import NoReverseMatch, reverse

from core.registry import registry_models

# Words that are Japanese usage too: formats, identifiers, the keys the
# multiple-choice boxes name, and units the document prints.
ALLOWED = {"URL", "CSV", "JSON", "Excel", "xlsx", "ID", "IP", "Mac", "Command", "Control"}
ALLOWED |= {"LDAP", "ha", "km", "https"}
# The example in the help text of a post's English form (例：知事は Governor).
ALLOWED |= {"Governor"}
EMAIL = re.compile(r"\S+@\S+")  # a user's address: data
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")


def data_words(*, english=False):
    """ASCII words in the registry's Japanese values: proper names as printed (ASML, GX, MOU),
    and what browsers sent that the lockout's records keep (their user agents and paths).

    `english` adds the records' English values, which history pages quote as data.
    """
    words = set()
    for model in [*registry_models(), AccessAttempt, AccessFailureLog, AccessLog]:
        names = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, (models.CharField, models.TextField))
            and (english or not field.name.endswith("_en"))
            and field.name != "slug"
        ]
        for values in model._default_manager.values_list(*names):
            for value in values:
                words.update(ENGLISH_WORD.findall(value or ""))
    return words


def english_words(text, allowed):
    return sorted(set(ENGLISH_WORD.findall(text)) - allowed)


# Elements whose text is not the screen's wording (see visible_text).
NOT_WORDING = ("script", "style", "title", "textarea", "bdi")


def visible_text(html):
    """What a person reads on an admin page, without what was typed into its fields.

    Text areas hold records' values (their English descriptions among them), and
    <bdi> holds the password hash's parts on the user form: data, not wording.
    """
    html = re.sub(rf"(?s)<({'|'.join(NOT_WORDING)})\b.*?</\1>", " ", html)
    return readable(unescape(re.sub(r"<[^>]+>", " ", html)))


# visible_text in the browser, on the page as its scripts left it: the text nodes outside
# NOT_WORDING, one space between each (as between the tags visible_text takes out).
VISIBLE_TEXT_IN_BROWSER = f"""() => {{
  const parts = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    if (!node.parentElement.closest("{", ".join(NOT_WORDING)}")) parts.push(node.data);
  }}
  return parts.join(" ");
}}"""


def readable(text):
    """`text` without mail addresses (a user's address is data), its runs of whitespace
    made one space."""
    return re.sub(r"\s+", " ", EMAIL.sub(" ", text)).strip()


def admin_screens(user):
    """(name, URL) of the index, and of each model's list, add and change forms, a record's
    history, and its import, export and deleted-records pages, as far as `user` may open
    them."""
    screens = [("index", reverse("admin:index"))]
    for model, model_admin in admin.site._registry.items():
        name = f"{model._meta.app_label}-{model._meta.model_name}"

        def url(page, *args, model=model):
            return reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args
            )

        screens.append((f"{name}-list", url("changelist")))
        request = type("Request", (), {"user": user})()
        if model_admin.has_add_permission(request):
            screens.append((f"{name}-add", url("add")))
        record = model._default_manager.order_by("pk").first()
        if record is not None:
            screens.append((f"{name}-change", url("change", record.pk)))
            screens.append((f"{name}-history", url("history", record.pk)))
        for page in ("import", "export", "deleted"):
            with contextlib.suppress(NoReverseMatch):
                screens.append((f"{name}-{page}", url(page)))
    return screens
