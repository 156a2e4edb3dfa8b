"""The page shown to someone locked out of the admin after too many failed sign-ins."""

from axes.helpers import get_cool_off, get_failure_limit
from django.contrib import admin
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "failure_limit": get_failure_limit(request, credentials),
        # Whole minutes, rounded up: "try again in 15 minutes" reads better than 0:15:00.
        "cooloff_minutes": -(-int(cool_off.total_seconds()) // 60) if cool_off else None,
    }
    # 429 Too Many Requests: the same status django-axes uses for its own page.
    return render(request, "admin/lockout.html", context, status=429)
