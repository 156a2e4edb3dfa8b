"""The sign-in lockout: who a client is behind the proxy, and the page shown once locked out."""

import ipaddress

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip(request):
    """The client's address for django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind the proxy every request comes from the proxy's address, so the
    lockout would lock a user name out for everyone. X-Forwarded-For is read
    only when the request comes from a proxy in TRUSTED_PROXY_IPS, from the
    right: the last address that is not one of our proxies is the one our
    proxy saw. Addresses further left are whatever the client wrote, and a
    client that reaches the portal directly cannot choose its address at all.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_IPS
    if remote not in trusted:
        return remote
    for candidate in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        try:
            address = str(ipaddress.ip_address(candidate.strip()))
        except ValueError:
            return remote  # a malformed entry: nothing to its left can be trusted either
        if address not in trusted:
            return address
    return remote


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else None
    context = {
        **admin.site.each_context(request),
        # The sidebar would say "you don't have permission to view or edit anything".
        "is_nav_sidebar_enabled": False,
        "available_apps": [],
        "failure_limit": get_failure_limit(request, credentials),
        # Whole minutes, rounded up: "try again in 15 minutes" reads better than 0:15:00.
        "cooloff_minutes": -(-seconds // 60) if seconds else None,
    }
    # 429 Too Many Requests: the same status django-axes uses for its own page.
    response = render(request, "admin/lockout.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
