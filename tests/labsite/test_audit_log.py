"""Issue 41, the administrators' audit log: sign-ins (and refusals), permission changes and
applicant data actions, with who, when and from where; administrators only; filtered and
exportable; read only."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from labsite.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def events(kind):
    return list(AuditEvent.objects.filter(kind=kind).order_by("at"))


def test_sign_ins_and_refusals_are_logged_with_the_address_never_the_password(
    client, django_user_model
):
    django_user_model.objects.create_superuser("ada", "ada@example.org", "right-pass-123")
    client.post("/admin/login/", {"username": "ada", "password": "wrong-pass-456"},
                REMOTE_ADDR="203.0.113.9")  # fmt: skip
    client.post("/admin/login/", {"username": "ada", "password": "right-pass-123"},
                REMOTE_ADDR="203.0.113.9")  # fmt: skip
    (refused,) = events("sign_in_failed")
    assert refused.username == "ada" and refused.address == "203.0.113.9"
    assert "wrong-pass" not in refused.detail + refused.subject
    (signed_in,) = events("sign_in")
    assert signed_in.username == "ada" and signed_in.user.username == "ada"
    response = client.post("/admin/logout/")
    assert [e.username for e in events("sign_out")] == ["ada"], response


def test_permission_changes_name_who_changed_what(admin_client, django_user_model):
    editors = Group.objects.get(name="Site editors")
    ada = django_user_model.objects.create_user("ada", "ada@example.org", "pw-12345678")
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    ada.groups.add(editors)
    editors.permissions.add(Permission.objects.get(codename="delete_application"))  # had it
    editors.permissions.add(Permission.objects.get(codename="change_auditevent"))
    ada.is_superuser = True
    ada.save()
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.objects.filter(depth=2).first(),
        permission=Permission.objects.get(codename="lock_page"),
    )
    details = [e.detail for e in AuditEvent.objects.exclude(pk__in=before)]
    assert "ada added to Site editors" in details
    assert "given: change_auditevent" in details
    assert not any("delete_application" in d for d in details), "nothing changed, nothing logged"
    assert "ada made an administrator" in details
    assert any(d.startswith("given: lock_page on page") for d in details), details


def test_the_acting_administrator_is_recorded_for_a_change_made_in_the_admin(
    admin_client, django_user_model
):
    ada = django_user_model.objects.create_user("ada", "ada@example.org", "pw-12345678")
    editors = Group.objects.get(name="Site editors")
    response = admin_client.post(
        f"/admin/users/edit/{ada.pk}/",
        {
            "username": "ada",
            "email": "ada@example.org",
            "first_name": "Ada",
            "last_name": "L",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )
    assert response.status_code in (200, 302)
    change = AuditEvent.objects.filter(kind="permissions", subject="user ada").order_by("at").last()
    assert change is not None, response.content.decode()[:1500]
    assert change.username == "admin"


def test_only_administrators_see_the_log_and_can_export_it(client, admin_client, django_user_model):
    AuditEvent.objects.create(kind="sign_in", username='=HYPERLINK("x")', subject="user x")
    page = admin_client.get("/admin/audit/")
    assert page.status_code == 200 and "Audit log" in page.content.decode()
    filtered = admin_client.get("/admin/audit/", {"kind": "sign_in_failed"}).content.decode()
    assert "HYPERLINK" not in filtered
    export = admin_client.get("/admin/audit/", {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK" in body, "formulas exported as text"
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw-12345678")
    editor.groups.add(Group.objects.get(name="Site editors"))
    client.force_login(editor)
    assert client.get("/admin/audit/").status_code in (302, 403)
    # Read only, for administrators too.
    assert admin_client.get("/admin/audit/new/").status_code == 404


def test_an_audit_entry_never_empties_the_page_cache(django_user_model):
    """The log is the admin's: a sign-in used to count as a content change and purge every
    stored page (and Varnish)."""
    from labsite.pagecache import invalidation, memo

    before = memo.current_generation()
    AuditEvent.objects.create(kind="sign_in", username="ada")
    assert memo.current_generation() == before
    assert not invalidation._is_content(AuditEvent)
    from people.models import ApplicationAccess

    assert not invalidation._is_content(ApplicationAccess)
