"""What a person sees when django-axes pauses sign-in after too many wrong passwords."""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None):
    """A 429 page that says what happened, until when, and what to do meanwhile."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response = render(
        request,
        "labsite/login_locked.html",
        {
            "username": get_client_username(request, credentials) or "",
            "failures": settings.AXES_FAILURE_LIMIT,
            "retry_at": retry_at,
            "minutes": minutes,
        },
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
