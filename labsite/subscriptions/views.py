"""Public subscription pages: subscribe, confirm, manage, unsubscribe (with RFC 8058 one-click).

No page says whether an address is subscribed: subscribing always ends on "check your
inbox", whatever the address's state. Links in emails carry signed tokens, so nobody needs an
account; the unsubscribe URL accepts a one-click POST without cookies or CSRF token, as mail
clients send it.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from labsite import ratelimit
from labsite.models.site_settings import SiteSettings
from labsite.subscriptions import lists as subscriptions
from labsite.subscriptions.forms import ListChoicesForm, SubscribeForm

SUBSCRIBE_LIMIT_PER_HOUR = 20


def _site(request):
    return Site.find_for_request(request)


def _render(request, template, context, status=200):
    return TemplateResponse(request, template, context, status=status)


def subscribe(request):
    site = _site(request)
    initial = {}
    wanted = request.GET.get("list")
    if wanted and subscriptions.get_list(wanted):
        initial[f"list_{wanted}"] = subscriptions.get_list(wanted).frequencies[0]
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        verdict = ratelimit.hit(
            "subscribe", ratelimit.client_ip(request), SUBSCRIBE_LIMIT_PER_HOUR, 3600
        )
        if not verdict.allowed:
            form.is_valid()
            form.add_error(
                None,
                f"Too many subscriptions from your network in the last hour. Please try again in "
                f"{max(1, verdict.retry_after // 60)} minutes.",
            )
            return _render(request, "labsite/subscribe.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.is_bot():
                group = SiteSettings.name_of(site)
                subscriptions.request_subscription(
                    site, form.cleaned_data["email"], form.choices(), group
                )
            return redirect("subscribe_check_inbox")
    return _render(request, "labsite/subscribe.html", {"form": form})


def check_inbox(request):
    return _render(request, "labsite/subscribe_sent.html", {"days": subscriptions.confirm_days()})


def confirm(request, token):
    try:
        payload = subscriptions.read_confirm_token(token)
    except subscriptions.LinkError as error:
        return _render(
            request,
            "labsite/subscribe.html",
            {"form": SubscribeForm(), "link_error": str(error)},
            status=400,
        )
    labels = [subscriptions.list_label(key) for key in payload["lists"]]
    if request.method == "POST":
        subscriber = subscriptions.confirm(payload)
        return _render(
            request,
            "labsite/subscribe_confirmed.html",
            {
                "labels": labels,
                "manage_url": reverse(
                    "subscription_manage", args=[subscriptions.subscriber_token(subscriber)]
                ),
            },
        )
    return _render(
        request,
        "labsite/subscribe_confirm.html",
        {"labels": labels, "email": payload["email"]},
    )


def _bad_link(request, error):
    return _render(request, "labsite/subscription_link_error.html", {"error": str(error)}, 400)


def manage(request, token):
    try:
        subscriber, _list_key = subscriptions.read_subscriber_token(token)
    except subscriptions.LinkError as error:
        return _bad_link(request, error)
    if subscriber is None:
        return _render(request, "labsite/subscription_gone.html", {})
    current = {f"list_{s.list_key}": s.frequency for s in subscriber.subscriptions.all()}
    form = ListChoicesForm(request.POST or None, initial=current)
    saved = False
    if request.method == "POST":
        if request.POST.get("action") == "unsubscribe-all":
            subscriptions.unsubscribe(subscriber)
            return _render(request, "labsite/unsubscribed.html", {"labels": []})
        if form.is_valid():
            choices = form.choices()
            subscriptions.update_choices(subscriber, choices)
            if not choices:
                return _render(request, "labsite/unsubscribed.html", {"labels": []})
            saved = True
    return _render(
        request,
        "labsite/subscription_manage.html",
        {"form": form, "subscriber": subscriber, "saved": saved},
    )


@csrf_exempt
def unsubscribe(request, token):
    """GET asks (link checkers must not unsubscribe anyone); POST unsubscribes, also one-click."""
    try:
        subscriber, list_key = subscriptions.read_subscriber_token(token)
    except subscriptions.LinkError as error:
        return _bad_link(request, error)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    label = subscriptions.list_label(list_key) if list_key else ""
    if request.method == "POST":
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber, list_key)
        if one_click:
            return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
        return _render(request, "labsite/unsubscribed.html", {"labels": [label] if label else []})
    if subscriber is None:
        return _render(request, "labsite/subscription_gone.html", {})
    return _render(
        request,
        "labsite/unsubscribe_confirm.html",
        {"label": label, "manage_url": reverse("subscription_manage", args=[token])},
    )
