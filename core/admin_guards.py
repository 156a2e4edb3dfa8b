"""Guards every registry admin shares: bad ids, bad filter values and bad form input
get a clear answer instead of a server error, and restoring a version needs the change right.
"""

import logging

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from .admin_dates import EraDateColumnsMixin
from .models import Source
from .templatetags.registry import era
from .text import NoControlCharactersValidator, has_control_characters

logger = logging.getLogger(__name__)


# The range of the 64-bit integers every supported database stores keys in.
BIGINT_RANGE = range(-(2**63), 2**63)


def is_storable_key(field, value):
    """Whether `value` can be looked up in `field` without the database refusing the query.

    Too large a number or a NUL makes SQLite and PostgreSQL raise instead of
    finding nothing.
    """
    if has_control_characters(str(value)):
        return False
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    return not isinstance(value, int) or value in BIGINT_RANGE


class CheckedModelChoiceMixin:
    """A choice of record that says "not one of the choices" for values no key can have."""

    def to_python(self, value):
        if value not in self.empty_values:
            model = self.queryset.model
            key = (
                model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
            )
            if not is_storable_key(key, value):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CheckedModelChoiceField(CheckedModelChoiceMixin, forms.ModelChoiceField):
    pass


class SafeFormFieldsMixin:
    """Form fields that answer bad input with the form's error, never a server error,
    and source choices named without a query each.

    Shared by every admin and inline of the registry, so that a model added later
    gets the same protection without anyone remembering to.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A source part is named after its document (Source.__str__): each source
        # field of a form, inline rows included, read its document in a query of its
        # own (ten more on a council's form).
        if db_field.related_model is Source and "queryset" not in kwargs:
            kwargs["queryset"] = Source.objects.for_display()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return formfield
        if isinstance(formfield, forms.CharField):
            formfield.validators.append(NoControlCharactersValidator())
        if type(formfield) is forms.ModelChoiceField:
            formfield.__class__ = CheckedModelChoiceField
        widget = getattr(formfield.widget, "widget", formfield.widget)  # inside the "+" wrapper
        if type(widget) in SAFE_AUTOCOMPLETE:
            widget.__class__ = SAFE_AUTOCOMPLETE[type(widget)]
        return formfield


class CheckedSelectedMixin:
    """An autocomplete that ignores posted values which cannot be a key.

    Django's autocomplete widget looks the posted value up to show it again
    when the form has errors; `council=おかやま` would make that lookup fail
    with "Field 'id' expected a number". The form itself already says the
    choice is invalid.
    """

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key = remote.model._meta.get_field(remote.field_name)
        checked = [item for item in value if is_storable_key(key, item)]
        return super().optgroups(name, checked, attr)


class CheckedAutocompleteSelect(CheckedSelectedMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedSelectedMixin, AutocompleteSelectMultiple):
    pass


SAFE_AUTOCOMPLETE = {
    AutocompleteSelect: CheckedAutocompleteSelect,
    AutocompleteSelectMultiple: CheckedAutocompleteSelectMultiple,
}


def _is_key_of(model, value):
    return is_storable_key(model._meta.pk, value)


class GuardedHistoryAdmin(EraDateColumnsMixin, SafeFormFieldsMixin, SimpleHistoryAdmin):
    """History pages that need the change right to restore, and a 404 for ids that are no ids.

    Every registry admin builds on this class, directly or through `RegistryAdmin`.
    """

    def changelist_view(self, request, extra_context=None):
        # A filter value the database cannot compare (a year past 9999, a number
        # beyond 64 bits, a NUL on PostgreSQL) surfaces while the list is built
        # or rendered; it gets a 400 that says so instead of a server error.
        try:
            response = super().changelist_view(request, extra_context)
            if hasattr(response, "render"):
                response.render()
        except (ValueError, OverflowError, DataError) as error:
            logger.info("Refused an admin filter value: %s", error)
            return TemplateResponse(
                request,
                "admin/bad_filter.html",
                {
                    **self.admin_site.each_context(request),
                    "title": gettext("This filter cannot be applied"),
                    "opts": self.opts,
                    "changelist_url": request.path,
                },
                status=400,
            )
        return response

    def get_search_results(self, request, queryset, search_term):
        # The changelist's search box and every autocomplete of this model.
        if has_control_characters(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)

    def history_view(self, request, object_id, extra_context=None):
        if not _is_key_of(self.model, unquote(object_id)):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_model = self.model.history.model
        if not _is_key_of(self.model, unquote(object_id)) or not _is_key_of(
            history_model, version_id
        ):
            raise Http404
        # django-simple-history lets anyone who may view a record's history post
        # its "revert" form, and saving that form restores the old version even
        # for a view-only user. Restoring is a change, so it needs the change right.
        if request.method == "POST":
            record = self.get_object(request, object_id)  # None once the record is deleted
            if not self.has_change_permission(request, record):
                raise PermissionDenied
            version = self.model.history.filter(history_id=version_id).first()
            if version is not None:
                request.history_reason = gettext("Restored the version of %(date)s") % {
                    # 令和6（2024）年3月8日 14:05: the portal's one date style, never ISO.
                    "date": era(version.history_date, "datetime")
                }
        return super().history_form_view(request, object_id, version_id, extra_context)
