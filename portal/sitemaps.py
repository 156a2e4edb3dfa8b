"""The sitemap: every public page, in Japanese and in English, each with its
hreflang alternates, so that search engines offer the reader's language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.models import Source
from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person


class BilingualSitemap(Sitemap):
    # One <url> per language, each listing the other as an alternate (and x-default).
    i18n = True
    alternates = True
    x_default = True
    # Each item gives two URLs; 20,000 items keep a file under the 50,000-URL limit.
    limit = 20_000


class PageSitemap(BilingualSitemap):
    """The pages that are not one record: the overview, the lists, the map, the about page
    and the recent changes."""

    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "region-map",
            "about",
            "changes",
            "sources:list",
            "councils:list",
            "members:organisation-list",
            "events:event-list",
            "events:agreement-list",
            "events:programme-list",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(BilingualSitemap):
    """Each record's own page, last modified when the record was last edited."""

    model = None

    def items(self):
        return self.model.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, record):
        return record.updated_at


class CouncilSitemap(RecordSitemap):
    def items(self):
        return Council.objects.only("pk", "slug", "updated_at").order_by("pk")


class OrganisationSitemap(RecordSitemap):
    model = Organisation


class PersonSitemap(RecordSitemap):
    model = Person


class EventSitemap(RecordSitemap):
    model = Event


class AgreementSitemap(RecordSitemap):
    model = Agreement


class ProgrammeSitemap(RecordSitemap):
    model = Programme


class SourceSitemap(BilingualSitemap):
    """Each source's page: the documents, and each slide of the deck with its printed text."""

    changefreq = "monthly"

    def items(self):
        return Source.objects.only("pk").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "councils": CouncilSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
    "events": EventSitemap,
    "agreements": AgreementSitemap,
    "programmes": ProgrammeSitemap,
    "sources": SourceSitemap,
}
