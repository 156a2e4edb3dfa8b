"""What every list page shares: a selector, its filter form, a count and pagination."""

from django import forms
from django.forms import ModelChoiceField
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from .pagination import paginate
from .sources import provenance


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


class FilteredListView(View):
    """A list page: the selector's FilterSet, its rows (none if the input is invalid), a page.

    Subclasses name the `selector` (shared with the list's exports), the
    `template_name`, and optionally `prepare(rows)` for what only the page shows.
    """

    selector = None
    template_name = None
    export_names = ()

    def prepare(self, rows):
        return rows

    def get(self, request, *args, **kwargs):
        filterset = type(self).selector(filters=request.GET)
        prepare_form(filterset.form)
        rows = self.prepare(filterset.matching())
        page, page_message = paginate(request, rows)
        context = {
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": page,
            "rows": page.object_list,
            "count": page.paginator.count,
            "page_message": page_message,
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "export_names": self.export_names,
            **provenance(page.object_list),
        }
        return render(request, self.template_name, context)
