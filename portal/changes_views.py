"""最近の更新: the page of recent changes to public records, and its Atom feed."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.filtering import InvalidFilters
from core.pagination import paginate
from core.views import prepare_form

from .changes import FEED_SIZE, ChangeFilter, describe_changes, recent_changes, record_of


def filter_query(request):
    """The page's filters as a query string, for the links between the page and its feed."""
    query = {key: value for key, value in request.GET.items() if key != "page" and value}
    return f"?{urlencode(query)}" if query else ""


def changes(request):
    try:
        rows = recent_changes(filters=request.GET)
    except InvalidFilters as error:
        form, rows = error.form, []
    else:
        form = ChangeFilter().form
        form.initial = request.GET.dict()
    record = None
    if "record" not in form.errors and request.GET.get("record"):
        # Chosen on a record's page, not in the form: the heading names the record instead.
        record = record_of(form.fields["record"].clean(request.GET["record"]))
        form.fields.pop("record")
    elif "record" not in form.errors:
        form.fields.pop("record")
    prepare_form(form)
    page, page_message = paginate(request.GET, rows)
    query = filter_query(request)
    context = {
        "form": form,
        "page_obj": page,
        "entries": describe_changes(page.object_list),
        "count": page.paginator.count,
        "page_message": page_message,
        "is_filtered": bool(query),
        # The pagination's links keep the whole query string: this page is never cached.
        "list_query": request.GET,
        "record": record,
        "record_chosen": "record" in request.GET and "record" not in form.fields,
        "feed_url": reverse("changes-feed") + query,
    }
    return render(request, "portal/changes.html", context)


class ChangesFeed(Feed):
    """The newest changes, as Atom, narrowed by the same filters as the page."""

    feed_type = Atom1Feed
    title = _("Recent changes: Chugoku Semiconductor Council Registry")
    subtitle = _("New and corrected facts in the registry of the Chugoku region's councils.")

    def __call__(self, request, *args, **kwargs):
        try:
            rows = list(recent_changes(filters=request.GET)[:FEED_SIZE])
        except InvalidFilters as error:
            message = gettext("This feed cannot be made: %(errors)s") % {"errors": error}
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        # The feed object is shared by every request: what is per request travels in `obj`.
        request.changes_feed = {
            "rows": rows,
            "query": filter_query(request),
            "root": request.build_absolute_uri("/").rstrip("/"),
        }
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return request.changes_feed

    def link(self, obj):
        return reverse("changes") + obj["query"]

    def feed_url(self, obj):
        return reverse("changes-feed") + obj["query"]

    def items(self, obj):
        entries = describe_changes(obj["rows"])
        for entry in entries:
            # One change is one entry for good, whatever filter it is read through.
            entry.guid = obj["root"] + reverse("changes") + f"#change-{entry.key}"
        return entries

    def item_title(self, entry):
        return entry.summary

    def item_description(self, entry):
        lines = [str(change) for change in entry.changes]
        if entry.page_record is not None:
            lines.insert(0, entry.page_record.display_name)
        if entry.source is not None:
            lines.append(gettext("Source: %(source)s") % {"source": entry.source})
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in lines))
        )

    def item_link(self, entry):
        if entry.page_record is not None:
            return entry.page_record.get_absolute_url()
        return reverse("changes") + f"#change-{entry.key}"

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.when

    def item_updateddate(self, entry):
        return entry.when
