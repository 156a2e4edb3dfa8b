"""What every list page shares: a selector, its filter form, a count, pagination, exports."""

import functools

from django import forms
from django.forms import ModelChoiceField
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View

from .exports import CsvExportView, JsonExportView
from .filtering import InvalidFilters
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


class ListPageView(View):
    """A list page: the selector's rows (none if a filter is invalid), one page, and the form.

    Subclasses name the `selector` (shared with the list's exports), its
    `filterset_class` (for the form), the `template_name`, `export_url_names`
    ({format: URL name} of the exports to link), and optionally `prepare(rows)`
    for what only the page shows.
    """

    http_method_names = ["get", "head", "options"]
    selector = None
    filterset_class = None
    template_name = None
    export_url_names = {}

    def get_rows(self):
        return self.selector(filters=self.request.GET)

    def prepare(self, rows):
        return rows

    def get(self, request, *args, **kwargs):
        try:
            rows = self.prepare(self.get_rows())
        except InvalidFilters as error:
            # The form says which values are wrong, and no rows are shown.
            invalid_form, rows = error.form, self.filterset_class._meta.model.objects.none()
        else:
            invalid_form = None
        page, page_message = paginate(request, rows)
        context = {
            "page_obj": page,
            # A lazy slice: read by the rows' and the sources' templates only when
            # their content is not cached under `list_key` ({% cachedcontent %}).
            "rows": page.object_list,
            "list_key": self.content_key(),
            "filters_invalid": invalid_form is not None,
            "count": page.paginator.count,
            "page_message": page_message,
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "export_urls": {
                extension: reverse(name) for extension, name in self.export_url_names.items()
            },
            **lazy_context(lambda: provenance(page.object_list), ("sources", "last_updated")),
            # Built only when the form's content is not cached.
            **lazy_context(lambda: {"form": self.filter_form(invalid_form)}, ("form",)),
        }
        return render(request, self.template_name, context)

    def filter_form(self, invalid_form):
        if invalid_form is not None:
            form = invalid_form
        else:
            # The filters were valid: the form shows them without checking them again.
            form = self.filterset_class().form
            form.initial = self.request.GET.dict()
        prepare_form(form)
        return form

    def content_key(self):
        """The list and the parameters that choose its rows, in a fixed order.

        Any other parameter (`?utm_source=…`) shows the same rows, so it shares their content.
        """
        chosen = (set(self.filterset_class.base_filters) | {"page"}) & set(self.request.GET)
        # The names in order; a name's values as given, since the last one counts.
        values = [
            (name, value) for name in sorted(chosen) for value in self.request.GET.getlist(name)
        ]
        return f"{self.request.path}?{urlencode(values)}"


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
            JsonExportView.as_view(selector=selector, export=export),
            name=f"{name}-json",
        ),
    ]
