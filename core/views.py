"""What every list page shares: a selector, its filter form, a count, pagination, exports."""

import functools

from django import forms
from django.forms import ModelChoiceField
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from django.views import View

from .exports import CsvExportView, JsonExportView
from .filtering import UNKNOWN, InvalidFilters, row_parameters
from .pagination import paginate
from .sources import provenance


def lazy_context(build, names):
    """Template context whose values `build()` (a dict) makes only when a template reads one.

    A page wrapping its heavy part in `{% cachedcontent %}` passes its context this
    way, so a cache hit runs none of the queries behind it. Templates call callables,
    and `build` runs at most once however many values are read.
    """
    built = functools.cache(build)
    return {name: functools.partial(lambda name: built()[name], name) for name in names}


def prepare_form(form):
    """Make a FilterSet's form read well: records in the page's language, "Any" for no filter,
    and the browser's date picker for dates."""
    for name, field in form.fields.items():
        if isinstance(field, ModelChoiceField) and hasattr(field.queryset.model, "localized"):
            field.label_from_instance = lambda record: record.display_name
        if isinstance(field, forms.NullBooleanField):
            field.widget.choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]
        elif isinstance(field, forms.DateField):
            field.widget.input_type = "date"
            field.widget.format = "%Y-%m-%d"
        elif hasattr(field, "empty_label"):
            field.empty_label = _("Default order") if name == "sort" else _("Any")
            # The widget keeps its own copy of the choices, made before the label changed.
            field.widget.choices = field.choices


class CountedSelect(forms.Select):
    """A select whose options end with the number of records each would return.

    Only the options say it: the form's summary of the filters in force reads the
    plain labels from `choices`.
    """

    def __init__(self, attrs=None, choices=(), counts=None):
        super().__init__(attrs, choices)
        self.counts = counts or {}

    def create_option(self, name, value, label, *args, **kwargs):
        if value not in ("", None):
            label = counted(label, self.counts.get(str(value), 0))
        return super().create_option(name, value, label, *args, **kwargs)


def show_counts(form, facets):
    """Each choice of a facet followed by the number of records it would return: 広島県（3件）.

    「未記載」 is offered only where some records lack the value (or it is chosen):
    a choice that could never find anything would only be noise.
    """
    for name, counts in facets.items():
        field = form.fields.get(name)
        if field is None:
            continue
        chosen = str(form.initial.get(name, ""))
        choices = [
            (value, label)
            for value, label in field.widget.choices
            if str(value) != UNKNOWN or counts.get(UNKNOWN) or chosen == UNKNOWN
        ]
        field.widget = CountedSelect(field.widget.attrs, choices, counts)


def counted(label, count):
    # Its own message: beside a choice Japanese writes 「官（行政）　3件」, where a heading
    # keeps 「開催実績（2件）」.
    return pgettext("count beside a filter's choice", "%(label)s (%(count)s)") % {
        "label": label,
        "count": count,
    }


def unknown_notes(query, filterset, facets):
    """For each active filter, how many more records have no value for it, and a link to them:
    「ほかに県が未記載の団体が13件あります。」

    `query` holds only the parameters that choose the rows, so a link never carries
    one visitor's other parameters (`?utm_source=…`) to everyone the note is cached for.
    """
    notes = []
    options = filterset._meta.model._meta
    for name in filterset.unknown_conditions:
        if name in filterset.complete_facets:
            continue
        value = query.get(name, "")
        count = facets.get(name, {}).get(UNKNOWN, 0)
        if not value or value == UNKNOWN or not count:
            continue
        link = query.copy()
        link[name] = UNKNOWN
        link.pop("page", None)
        records = options.verbose_name if count == 1 else options.verbose_name_plural
        text = ngettext(
            "There is %(count)s more %(records)s with no %(field)s recorded.",
            "There are %(count)s more %(records)s with no %(field)s recorded.",
            count,
        ) % {
            "count": count,
            "records": records,
            "field": str(filterset.filters[name].label).lower(),
        }
        notes.append({"text": text, "url": f"?{link.urlencode()}"})
    return notes


# What a list's content reads ({% cachedcontent %} in includes/list_page.html); the view
# builds it only when that content is not cached.
LIST_CONTENT = (
    "page_obj",
    "rows",
    "count",
    "filters_invalid",
    "page_message",
    "unknown_notes",
    "form",
    "export_urls",
    "sources",
    "last_updated",
)


class ListPageView(View):
    """A list page: the selector's rows (none if a filter is invalid), one page, and the form.

    Subclasses name the `selector` (shared with the list's exports), its
    `filterset_class` (for the form), the `template_name`, `export_url_names`
    ({format: URL name} of the exports to link), and optionally `prepare(rows)`
    for what only the page shows.

    Everything the list shows (all but the site's header and footer) is a function
    of the parameters that choose its rows (`list_query`): its links are built from
    them alone, so the template caches it whole under them, and a request for a
    list already shown (whatever else its query string carries) makes no query.
    """

    http_method_names = ["get", "head", "options"]
    selector = None
    filterset_class = None
    template_name = None
    export_url_names = {}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.query = self.list_query()

    def get_rows(self):
        return self.selector(filters=self.query)

    def prepare(self, rows):
        return rows

    def get(self, request, *args, **kwargs):
        context = {
            "list_key": f"{request.path}?{self.query.urlencode()}",
            "list_query": self.query,
            "is_filtered": any(value for key, value in self.query.items() if key != "page"),
            **lazy_context(self.content, LIST_CONTENT),
        }
        return render(request, self.template_name, context)

    def content(self):
        """The rows of the page asked for, their count, sources and notes, and the form.

        Built only when the list's content is not cached; a page past the end of
        the list raises Http404 from here.
        """
        try:
            rows = self.prepare(self.get_rows())
        except InvalidFilters as error:
            # The form says which values are wrong, and no rows are shown.
            invalid_form, rows = error.form, self.filterset_class._meta.model.objects.none()
        else:
            invalid_form = None
        page, page_message = paginate(self.query, rows)
        return {
            "page_obj": page,
            "rows": page.object_list,
            "count": page.paginator.count,
            "filters_invalid": invalid_form is not None,
            "page_message": page_message,
            "unknown_notes": self.unknown_notes(invalid_form),
            "form": self.filter_form(invalid_form),
            "export_urls": {
                extension: reverse(name) for extension, name in self.export_url_names.items()
            },
            **provenance(page.object_list),
        }

    def filter_form(self, invalid_form):
        if invalid_form is not None:
            form, facets = invalid_form, {}
        else:
            # The filters were valid: the form shows them without checking them again.
            form = self.filterset_class().form
            form.initial = self.query.dict()
            facets = self.facets[1]
        prepare_form(form)
        show_counts(form, facets)
        return form

    @cached_property
    def facets(self):
        """The counts beside the choices, over the whole list as the selector reads it:
        one grouped query per filter, made only when the form or a note needs them."""
        model = self.filterset_class._meta.model
        filterset = self.filterset_class(self.query, queryset=model._default_manager.all())
        return filterset, filterset.facet_counts()

    def unknown_notes(self, invalid_form):
        """How many more records have no value for an active filter (none when unfiltered)."""
        if invalid_form is not None or not any(
            self.query.get(name) for name in self.filterset_class.base_filters
        ):
            return []
        return unknown_notes(self.query, *self.facets)

    def list_query(self):
        """The parameters that choose the list's rows: its links are built from them."""
        return row_parameters(self.request.GET, self.filterset_class)


def list_paths(route, page_view, *, export, name, page_name=None):
    """One list's URLs: its page at `route`, and its CSV and JSON exports beside it.

    Every format calls the page's selector. The exports are named `<name>-csv`
    and `<name>-json`; the page `page_name`, or `<name>-list`.
    """
    selector = page_view.selector
    return [
        path(route, page_view.as_view(), name=page_name or f"{name}-list"),
        path(
            f"{route}export.csv",
            CsvExportView.as_view(selector=selector, export=export),
            name=f"{name}-csv",
        ),
        path(
            f"{route}export.json",
            JsonExportView.as_view(
                selector=selector, export=export, filterset_class=page_view.filterset_class
            ),
            name=f"{name}-json",
        ),
    ]
