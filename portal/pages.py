"""The pages that describe the registry rather than list it: the region map, the
about page, and what browsers and search engines ask every site for
(robots.txt, the favicon)."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import checks
from django.db.models import Count, Max, Min
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.models import Source
from core.site import absolute_url
from councils.models import Council, MembershipSnapshot
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person

from .regionmap import region_figures


@require_safe
def region_map(request):
    return render(request, "portal/region_map.html", {"figures": region_figures()})


# Every kind of record the registry publishes, for the about page's coverage and currency.
PUBLISHED_MODELS = (Council, Organisation, Person, Event, Agreement, Programme)


def coverage():
    """How many records of each kind the registry holds, and how current they are.

    One query per kind of record plus one for the sources, whatever their number.
    """
    kinds = []
    last_updated = None
    for model in PUBLISHED_MODELS:
        figures = model.objects.order_by().aggregate(count=Count("pk"), updated=Max("updated_at"))
        kinds.append((model._meta.verbose_name_plural, figures["count"]))
        if figures["updated"] and (last_updated is None or figures["updated"] > last_updated):
            last_updated = figures["updated"]
    sources = Source.objects.order_by().aggregate(earliest=Min("as_of"), latest=Max("as_of"))
    latest_count = MembershipSnapshot.objects.order_by().aggregate(latest=Max("as_of"))["latest"]
    return {
        "kinds": kinds,
        "last_updated": last_updated,
        "earliest_as_of": sources["earliest"],
        "latest_as_of": max(
            (day for day in (sources["latest"], latest_count) if day), default=None
        ),
    }


CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"


@require_safe
def about(request):
    english = get_language() == "en"
    context = {
        "publisher": settings.SITE_PUBLISHER_EN if english else settings.SITE_PUBLISHER,
        "terms": settings.SITE_DATA_TERMS_EN if english else settings.SITE_DATA_TERMS,
        "cc_by_url": CC_BY_URL + ("deed.en" if english else "deed.ja"),
        "coverage": coverage(),
        "contact_email": settings.SITE_CONTACT_EMAIL,
        "terms_url": settings.SITE_DATA_TERMS_URL,
        "terms_cc_by_compatible": settings.SITE_DATA_TERMS_CC_BY_COMPATIBLE,
    }
    return render(request, "portal/about.html", context)


@require_safe
def robots_txt(request):
    sitemap = absolute_url(request, reverse("sitemap"))
    lines = [
        "User-agent: *",
        # Every page may be indexed; the exports are data, not pages. The admin is
        # left unnamed: its address may be kept private (ADMIN_URL), and it is
        # linked from nowhere public.
        "Disallow: /*export.csv$",
        "Disallow: /*export.json$",
        "Disallow: /*.ics$",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("favicon.ico"))


@checks.register(checks.Tags.security, deploy=True)
def check_publisher_settings(app_configs, **kwargs):
    """Warn before going live with the placeholder contact address."""
    if settings.SITE_CONTACT_EMAIL.endswith("@example.com"):
        return [
            checks.Warning(
                "SITE_CONTACT_EMAIL is the placeholder address; the about page asks readers "
                "to report errors to it.",
                hint="Set SITE_CONTACT_EMAIL (and SITE_PUBLISHER, SITE_PUBLISHER_EN).",
                id="portal.W001",
            )
        ]
    return []
