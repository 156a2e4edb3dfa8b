"""Undo in the admin: deleting keeps the record in history, and a deleted record comes back.

Every admin of the registry gets a "deleted records" list (the last version
of each record that is no longer there) with a restore button, and a history
page that also lists the changes made to the record's parts in its form's
inlines. Deleting, restoring and reverting are each a row of history with a
change reason, so nothing staff do is lost.
"""

import re

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, Subquery
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from simple_history.models import ModelChange, ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper

from .admin_guards import GuardedHistoryAdmin, is_storable_key
from .history import describe, linked_names, version_links_of, with_previous
from .linked_history import linked_fields, links_in_last_version, version_links

DELETED_LIST_SIZE = 200
PART_HISTORY_SIZE = 200


def linked_keys(version, field):
    """The keys of the records `version` links to through `field` (an event's kinds)."""
    target = field.m2m_reverse_field_name()
    links = version_links(type(version), field).filter(history=version)
    return list(links.values_list(f"{target}_id", flat=True))


def deleted_versions(model):
    """The last version of every record of `model` that has been deleted and not restored."""
    history = model.history.model.objects
    latest = history.filter(id=OuterRef("id")).order_by("-history_id").values("history_id")[:1]
    return (
        history.filter(history_type="-", history_id=Subquery(latest))
        .select_related("history_user")
        .order_by("-history_date")
    )


# 「開催実績: 設立会議」 as Django writes each line of what a deletion takes with it.
_KIND_AND_COLON = re.compile(r"^([^:<]*): ")


def _links_between_records():
    """The tables Django makes for many-to-many fields (an event's kinds)."""
    return [
        model for model in apps.get_models(include_auto_created=True) if model._meta.auto_created
    ]


class RecordContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        model_field = self.model._meta.get_field(change.field)
        if not model_field.many_to_many:
            return super().prepare_delta_change_value(change, value)
        # 「勉強会 → 設立会議、勉強会」 as 最近の更新 writes it, not a Python list.
        target = model_field.m2m_reverse_field_name()
        return linked_names([row[target] for row in value])


class RecordHistoryAdmin(GuardedHistoryAdmin):
    object_history_template = "admin/registry_object_history.html"

    def get_deleted_objects(self, objs, request):
        """Django's list of what a deletion takes with it, as staff should read it.

        The rows that only link two records (an event to its kinds) are left out: they
        are no record anyone edits, Django names them in English (「Event_kinds object
        (1)」), and the kinds themselves stay. Each line's colon is the translated one
        (「開催実績：設立会議」), which Django writes as ": " in every language.
        """
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = _links_between_records()
        hidden = tuple(f"{capfirst(link._meta.verbose_name)}: " for link in links)
        for link in links:
            model_count.pop(link._meta.verbose_name_plural, None)
        colon = gettext(":")

        def japanese(items):
            kept = []
            for item in items:
                if isinstance(item, list):
                    kept.append(japanese(item))
                elif not (hidden and str(item).startswith(hidden)):
                    line = _KIND_AND_COLON.sub(lambda match: match[1] + colon, str(item), 1)
                    kept.append(mark_safe(line) if isinstance(item, SafeString) else line)
            return [item for item in kept if item != []]

        return japanese(to_delete), model_count, perms_needed, japanese(protected)

    def get_historical_record_context_helper(self, request, historical_record):
        return RecordContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The changes between versions, with the links (an event's kinds) read for the whole
        page at once: django-simple-history would read them twice per version."""
        fields = linked_fields(self.model)
        if not fields:
            return super().set_history_delta_changes(
                request, historical_records, foreign_keys_are_objs
            )
        records = list(historical_records)
        links = version_links_of(records)
        linked = {
            field.name: field.related_model._default_manager.in_bulk(
                {key for found in links.values() for key in found[field.name]}
            )
            for field in fields
        }
        for newer, older in zip(records, records[1:], strict=False):
            delta = newer.diff_against(
                older,
                excluded_fields=[field.name for field in fields],
                foreign_keys_are_objs=foreign_keys_are_objs,
            )
            changes = list(delta.changes)
            for field in fields:
                target = field.m2m_reverse_field_name()
                before, after = (links[(type(v), v.history_id)][field.name] for v in (older, newer))
                if before != after:
                    old, new = (
                        [{target: linked[field.name].get(key)} for key in keys]
                        for keys in (before, after)
                    )
                    changes.append(ModelChange(field.name, old, new))
            delta = ModelDelta(changes, [c.field for c in changes], older, newer)
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def _url_name(self, page):
        return f"{self.opts.app_label}_{self.opts.model_name}_{page}"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("deleted/", view(self.deleted_view), name=self._url_name("deleted")),
            path(
                "deleted/<str:object_id>/restore/",
                view(self.restore_view),
                name=self._url_name("restore"),
            ),
            *super().get_urls(),
        ]

    def may_restore(self, request):
        # Restoring adds the record back, and writes over what its history says.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "deleted_records_url": reverse(f"admin:{self._url_name('deleted')}"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def save_form(self, request, form, change):
        record = super().save_form(request, form, change)
        save_links = form.save_m2m

        def save_links_in_version():
            # The kinds ticked in the form belong to the version the save just wrote.
            with links_in_last_version(record):
                save_links()

        form.save_m2m = save_links_in_version
        return record

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        version = getattr(request, "history_version", None)
        if version is None:
            return form_class
        # The revert form shows the version's links, not the record's current ones.
        links = {field.name: linked_keys(version, field) for field in linked_fields(self.model)}

        class VersionForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial.update(links)

        return VersionForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_model = self.model.history.model
        if (
            linked_fields(self.model)
            and is_storable_key(self.opts.pk, unquote(object_id))
            and is_storable_key(history_model._meta.pk, version_id)
        ):
            request.history_version = history_model.objects.filter(
                id=unquote(object_id), history_id=version_id
            ).first()
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._unlink_first(request, obj)
            obj._change_reason = gettext("Deleted in the admin")
            obj._history_user = request.user
            super().delete_model(request, obj)

    def _unlink_first(self, request, obj):
        """Records that only point at `obj` (an event's agreement) lose that link one by one.

        Django would empty the link with one UPDATE, which history does not see; saved
        one by one, each loses it in a version of its own that a revert can undo.
        """
        for relation in obj._meta.related_objects:
            if relation.on_delete is not models.SET_NULL or not relation.one_to_many:
                continue
            linked = relation.related_model._default_manager.filter(**{relation.field.name: obj})
            for record in linked:
                setattr(record, relation.field.name, None)
                record._change_reason = gettext("Unlinked from a deleted record")
                record._history_user = request.user
                record.save()

    def delete_queryset(self, request, queryset):
        # One by one, so that each deletion's history row carries the reason.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        versions = list(deleted_versions(self.model)[:DELETED_LIST_SIZE])
        entries = describe(versions)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "opts": self.opts,
            "entries": entries,
            "may_restore": self.may_restore(request),
            "restore_url_name": f"admin:{self._url_name('restore')}",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/deleted_records.html", context)

    @transaction.atomic
    def _restore(self, request, version):
        record = version.instance
        for field in record._meta.concrete_fields:
            value = getattr(record, field.attname)
            if field.is_relation and value is not None:
                related = field.related_model._default_manager
                if not related.filter(pk=value).exists():
                    return gettext(
                        "This record cannot be restored while its %(field)s is deleted. "
                        "Restore that first."
                    ) % {"field": field.verbose_name}
        record._change_reason = gettext("Restored after deletion")
        record._history_user = request.user
        try:
            # What the database would refuse (a record with the same name or date added
            # since) is said in the form's words instead.
            record.full_clean()
            with transaction.atomic():
                record.save(force_insert=True)
                with links_in_last_version(record):
                    self._restore_links(record, version)
        except ValidationError as error:
            return self._conflict(" ".join(error.messages))
        except IntegrityError:
            return self._conflict("")
        self.log_addition(request, record, [{"added": {}}])
        return None

    def _restore_links(self, record, version):
        """The deleted version's links (an event's kinds), to records that still exist."""
        for field in linked_fields(self.model):
            keys = linked_keys(version, field)
            present = field.related_model._default_manager.filter(pk__in=keys)
            getattr(record, field.name).set(present)

    def _conflict(self, detail):
        return gettext(
            "This record cannot be restored: it conflicts with a record added since. %(detail)s"
        ) % {"detail": detail}

    @method_decorator(require_POST)
    def restore_view(self, request, object_id):
        if not self.may_restore(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        if not is_storable_key(self.opts.pk, object_id):
            raise Http404
        deleted_list = self._return_address(request) or reverse(
            f"admin:{self._url_name('deleted')}"
        )
        version = self.model.history.filter(id=object_id).order_by("-history_id").first()
        if version is None:
            raise Http404
        if version.history_type != "-" or self.model._default_manager.filter(pk=object_id).exists():
            messages.warning(request, gettext("This record is not deleted; nothing was restored."))
            return HttpResponseRedirect(deleted_list)
        problem = self._restore(request, version)
        if problem:
            messages.error(request, problem)
            return HttpResponseRedirect(deleted_list)
        messages.success(
            request,
            gettext("%(name)s “%(record)s” was restored.")
            % {"name": self.opts.verbose_name, "record": version.instance},
        )
        return HttpResponseRedirect(
            self._return_address(request)
            or reverse(f"admin:{self._url_name('change')}", args=[version.id])
        )

    def _return_address(self, request):
        """Where a restore started from the parent's history page goes back to."""
        address = request.POST.get("return_to", "")
        allowed = url_has_allowed_host_and_scheme(
            address, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return address if address.startswith("/") and allowed else None

    def part_history(self, request, object_id):
        """Described changes of the records this form edits inline, newest first."""
        rows = []
        for inline in self.inlines:
            fk = _get_foreign_key(self.model, inline.model, getattr(inline, "fk_name", None))
            history = inline.model.history.filter(**{fk.attname: object_id})
            rows += with_previous(history.select_related("history_user")).order_by("-history_date")[
                :PART_HISTORY_SIZE
            ]
        rows.sort(key=lambda row: row.history_date, reverse=True)
        entries = describe(rows[:PART_HISTORY_SIZE])
        self._offer_restores(request, entries)
        return entries

    def _offer_restores(self, request, entries):
        """A part deleted in its parent's form is restored from here: it has no list of
        its own. Only its latest deletion is offered, and only while it is still gone."""
        deleted = [entry for entry in entries if entry.row.history_type == "-"]
        by_model = {}
        for entry in deleted:
            by_model.setdefault(entry.row.instance_type, set()).add(entry.row.id)
        still_gone = set()
        for model, keys in by_model.items():
            present = set(model._default_manager.filter(pk__in=keys).values_list("pk", flat=True))
            still_gone |= {(model, key) for key in keys - present}
        offered = set()
        for entry in deleted:
            model = entry.row.instance_type
            part_admin = self.admin_site._registry.get(model)
            key = (model, entry.row.id)
            if key in still_gone and key not in offered and part_admin is not None:
                offered.add(key)
                if part_admin.may_restore(request):
                    entry.restore_url = reverse(
                        f"admin:{part_admin._url_name('restore')}", args=[entry.row.id]
                    )

    def history_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.inlines and is_storable_key(self.opts.pk, unquote(object_id)):
            extra_context["part_history"] = self.part_history(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)
