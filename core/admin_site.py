"""The admin site, with its index in the order staff work in.

Django lists apps, and the models inside each, alphabetically by their
internal labels; that put 協議会 and 開催実績 last and sub-records beside the
records they belong to. Staff edit sub-records inside their parents' forms, so
those have no entry of their own here (see each app's admin.py).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import REGISTRY_APPS

# The records staff keep, most used first.
MAIN_RECORDS = [
    "councils.council",
    "members.organisation",
    "events.event",
    "events.agreement",
    "events.programme",
    "councils.membershipsnapshot",
    "core.source",
]
# After the registry's records: accounts, then the sign-in lockout.
OTHER_APPS = ["auth", "axes"]


def model_key(app, model):
    return f"{app['app_label']}.{model['object_name'].lower()}"


class RegistryAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        registry = {
            model_key(app, model): model
            for app in app_list
            if app["app_label"] in REGISTRY_APPS
            for model in app["models"]
        }
        main = [registry.pop(key) for key in MAIN_RECORDS if key in registry]
        index = reverse("admin:index", current_app=self.name)
        groups = []
        for label, name, models in [
            ("registry", _("Registry records"), main),
            ("related", _("Related records"), list(registry.values())),
        ]:
            if models:
                groups.append(
                    {
                        "name": name,
                        "app_label": label,
                        # A heading that leads to the index, and is never "the current app".
                        "app_url": f"{index}#{label}",
                        "has_module_perms": True,
                        "models": models,
                    }
                )
        others = [app for app in app_list if app["app_label"] not in REGISTRY_APPS]
        others.sort(
            key=lambda app: (
                OTHER_APPS.index(app["app_label"])
                if app["app_label"] in OTHER_APPS
                else len(OTHER_APPS)
            )
        )
        return groups + others
