"""Users, groups and the sign-in lockout's records in the admin, in Japanese.

Django stores each permission's name in English when the database is migrated
("Can add council"), so the permission boxes of the user and group forms would
list some hundred English lines. They are named here from the model's
translated name and the action instead (協議会｜追加).
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}


def permission_label(permission):
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in ACTIONS:
        return permission.name
    tracked = getattr(model, "instance_type", None)  # a historical copy of a record
    if tracked is not None and tracked._meta.auto_created:
        # The links of a many-to-many field (an event's kinds) kept with each version.
        owner = tracked._meta.auto_created
        [field] = [f for f in owner._meta.many_to_many if f.remote_field.through is tracked]
        links = _("%(field)s given to %(model)s") % {
            "field": field.verbose_name,
            "model": owner._meta.verbose_name,
        }
        subject = _("history of %(model)s") % {"model": links}
    elif tracked is not None:
        subject = _("history of %(model)s") % {"model": tracked._meta.verbose_name}
    else:
        subject = model._meta.verbose_name
    return f"{model._meta.app_config.verbose_name}｜{subject}｜{ACTIONS[action]}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class JapanesePermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionChoiceField
            kwargs.setdefault(
                "queryset", db_field.remote_field.model.objects.select_related("content_type")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class RegistryUserAdmin(JapanesePermissionsMixin, UserAdmin):
    pass


@admin.register(Group)
class RegistryGroupAdmin(JapanesePermissionsMixin, GroupAdmin):
    pass


# django-axes' records: a Japanese status column, and each record named in Japanese on its
# form (the package's names are English sentences: "Access Log for sato @ ...").
admin.site.unregister(AccessAttempt)
admin.site.unregister(AccessLog)
admin.site.unregister(AccessFailureLog)


class JapaneseRecordNameMixin:
    def record_name(self, obj):
        when = formats.date_format(timezone.localtime(obj.attempt_time), "DATETIME_FORMAT")
        return _("%(username)s, %(time)s") % {"username": obj.username or "-", "time": when}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = {**(extra_context or {}), "subtitle": self.record_name(obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            name = self.record_name(obj)
            extra_context = {
                **(extra_context or {}),
                "title": gettext("Change history: %s") % name,
                "record_name": name,
            }
        return super().history_view(request, object_id, extra_context)


@admin.register(AccessAttempt)
class LockoutAttemptAdmin(JapaneseRecordNameMixin, AccessAttemptAdmin):
    @admin.display(description=_("status"))
    def status(self, obj):
        return super().status(obj)


@admin.register(AccessLog)
class LockoutLogAdmin(JapaneseRecordNameMixin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class LockoutFailureAdmin(JapaneseRecordNameMixin, AccessFailureLogAdmin):
    pass
