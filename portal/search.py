"""Search across the registry: every word of the query, found in the Japanese or English text.

At the registry's size a substring match is exact and fast enough, and it
works for Japanese, which has no spaces between words. Width, case and kana
are folded on both sides (core/search_text.py), so ﾏｲｸﾛﾝ, Ｍｉｃｒｏｎ and
まいくろん all find マイクロン and Micron.
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.filtering import SEARCH_MAX_LENGTH
from core.search_text import matching_every_word
from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person

# A search shows at most this many hits of each kind; the lists narrow further.
HITS_PER_KIND = 50


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=SEARCH_MAX_LENGTH, required=False)

    def clean_q(self):
        return self.cleaned_data["q"].strip()


def matching(queryset, fields, text):
    rows = matching_every_word(queryset.model.objects.all(), fields, text)
    # A subquery keeps one row per record even when the match is in a related row.
    return queryset.filter(pk__in=rows.values("pk"))


def search_registry(text):
    """(kind label, list URL name, hits) for every kind of record, in the portal's order."""
    kinds = [
        (
            _("Councils"),
            "councils:list",
            Council.objects.order_by("pk"),
            ("name", "name_en", "other_names", "short_name", "short_name_en", "purpose", "aims"),
        ),
        (
            _("Organisations"),
            "members:organisation-list",
            Organisation.objects.order_by("name", "pk"),
            ("name", "name_en", "city"),
        ),
        (
            _("People"),
            None,
            Person.objects.select_related("affiliation").order_by("name", "pk"),
            ("name", "name_en", "title"),
        ),
        (
            _("Events"),
            "events:event-list",
            Event.objects.select_related("council").order_by("date", "pk"),
            (
                "name",
                "name_en",
                "venue",
                "city",
                "description",
                "talks__name",
                "talks__name_en",
            ),
        ),
        (
            _("Agreements"),
            "events:agreement-list",
            Agreement.objects.order_by("signed_on", "pk"),
            ("name", "name_en", "place", "scope", "scope_en", "description"),
        ),
        (
            _("Programmes"),
            "events:programme-list",
            Programme.objects.select_related("owner").order_by("fiscal_year", "pk"),
            ("name", "name_en", "purpose", "target", "description", "items__text"),
        ),
    ]
    return [
        (label, list_name, list(matching(queryset, fields, text)[: HITS_PER_KIND + 1]))
        for label, list_name, queryset, fields in kinds
    ]


def search(request):
    form = SearchForm(request.GET)
    results = []
    text = ""
    if form.is_valid():
        text = form.cleaned_data["q"]
        if text:
            results = search_registry(text)
    context = {
        "form": form,
        "text": text,
        "results": results,
        "hit_count": sum(min(len(hits), HITS_PER_KIND) for _label, _name, hits in results),
        "hits_per_kind": HITS_PER_KIND,
        # As typed, for the "fewer words" links of an empty result.
        "words": text.split(),
    }
    return render(request, "search.html", context)
