"""*Invite to edit this page*, on a person page's header in the admin: an editor gives a new
member their account without the command line (``manage.py invite_member`` does the same)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import Button

from people.members.accounts import InviteError, invite_member, send_invitation
from people.profiles.models import PersonPage


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Their email address"),
        help_text=gettext_lazy(
            "It becomes their user name. They get an email with a link to choose a password."
        ),
    )


def may_invite(user, person) -> bool:
    # Whoever may publish the person's page may give its owner an account to edit it: the
    # group's editors and administrators, not members.
    return person.permissions_for_user(user).can_publish()


def invite(request, page_id):
    person = get_object_or_404(PersonPage, pk=page_id)
    if not may_invite(request.user, person):
        raise PermissionDenied
    form = InviteForm(request.POST or None, initial={"email": person.email})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invite_member(form.cleaned_data["email"], person=person)
        except InviteError as error:
            form.add_error("email", str(error))
        else:
            send_invitation(invitation)
            messages.success(
                request,
                _("%(name)s is invited: the email to %(email)s is on its way.")
                % {"name": person.title, "email": invitation.user.email},
            )
            return redirect("wagtailadmin_pages:edit", person.pk)
    return TemplateResponse(
        request,
        "people/admin/invite.html",
        {"person": person, "form": form, "linked": person.member_user},
    )


def header_button(page, user, view_name, next_url=None):
    """The button on a person page's header (registered in people.wagtail_hooks)."""
    if view_name != "edit" or not issubclass(page.specific_class or type(page), PersonPage):
        return
    person = page.specific
    if may_invite(user, person):
        label = _("Invite again") if person.member_user_id else _("Invite to edit this page")
        yield Button(label, reverse("people_invite_member", args=[page.pk]), icon_name="mail",
                     priority=40)  # fmt: skip


def admin_urls():
    return [path("people/<int:page_id>/invite/", invite, name="people_invite_member")]
