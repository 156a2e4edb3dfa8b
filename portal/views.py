"""What every list page shares: a selector, its filter form, a count and pagination."""

from django.forms import ModelChoiceField
from django.shortcuts import render
from django.views import View

from .pagination import paginate


def localize_choice_labels(form):
    """Show records in a filter's drop-down in the page's language (English where there is one)."""
    for field in form.fields.values():
        if isinstance(field, ModelChoiceField) and hasattr(field.queryset.model, "localized"):
            field.label_from_instance = lambda record: record.display_name


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
        localize_choice_labels(filterset.form)
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
        }
        return render(request, self.template_name, context)
