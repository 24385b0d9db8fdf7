"""What the audit log hears by itself: Django's sign-in signals, changes of users' groups and
superuser flag, of groups' permissions and of Wagtail's page permissions."""

from threading import local

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import GroupPagePermission

from labsite.audit.models import Kind
from labsite.audit.services import record

#: The request being answered, for the address and the acting user of a permission change
#: (set by labsite.audit.middleware.RememberRequest).
current = local()


def _request():
    return getattr(current, "request", None)


def _actor():
    request = _request()
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _permissions_changed(subject: str, detail: str) -> None:
    record(Kind.PERMISSIONS, user=_actor(), subject=subject, detail=detail, request=_request())


def signed_in(sender, request, user, **kwargs):
    # labsite.sso says which institution signed the person in; otherwise it was a password.
    how = getattr(user, "sign_in_method", "")
    record(Kind.SIGN_IN, user=user, detail=f"through {how}" if how else "", request=request)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGN_OUT, user=user, request=request)


def refused(sender, credentials, request=None, **kwargs):
    # Only the name typed: never the password.
    name = str(credentials.get("username") or credentials.get("email") or "")[:150]
    record(Kind.SIGN_IN_FAILED, username=name, subject=f"user {name}", request=request)


def _changed(action, pk_set) -> bool:
    # Django sends post_add even when every item was already there (an empty pk_set).
    return action == "post_clear" or (action in ("post_add", "post_remove") and bool(pk_set))


def groups_of_user_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if not _changed(action, pk_set):
        return
    verb = {"post_add": "added to", "post_remove": "removed from", "post_clear": "removed from"}
    if reverse:  # group.user_set.add(...)
        users = get_user_model().objects.filter(pk__in=pk_set or [])
        names = ", ".join(u.get_username() for u in users) or "everyone"
        detail = f"{names} {verb[action]} group {instance.name}"
        subject = f"group {instance.name}"
    else:
        groups = Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True)
        detail = f"{instance.get_username()} {verb[action]} {', '.join(groups) or 'every group'}"
        subject = f"user {instance.get_username()}"
    _permissions_changed(subject, detail)


def permissions_of_group_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    if not _changed(action, pk_set) or reverse:
        return
    names = list(model.objects.filter(pk__in=pk_set or []).values_list("codename", flat=True))
    verb = "given" if action == "post_add" else "taken away"
    _permissions_changed(
        f"group {instance.name}", f"{verb}: {', '.join(names) or 'all permissions'}"
    )


# Rows loaded from fixtures or a test's serialized database (raw saves) are not changes anyone
# made, and their related rows may not be there yet: the receivers let them pass.


def superuser_flag(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if not instance.pk:
        instance._audit_was_superuser = False
        return
    before = sender.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()
    instance._audit_was_superuser = bool(before)


def superuser_flag_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    was = getattr(instance, "_audit_was_superuser", False)
    if bool(instance.is_superuser) != was:
        verb = "made an administrator" if instance.is_superuser else "no longer an administrator"
        _permissions_changed(f"user {instance.get_username()}", f"{instance.get_username()} {verb}")


def page_permission(sender, instance, signal, created=None, raw=False, **kwargs):
    if raw:
        return
    verb = "taken away" if signal is post_delete else "given" if created else "changed"
    try:
        where = f"page '{instance.page.title}'"
    except Exception:  # the page itself was deleted, taking its permissions with it
        where = "a deleted page"
    _permissions_changed(
        f"group {instance.group.name}", f"{verb}: {instance.permission.codename} on {where}"
    )


def connect() -> None:
    User = get_user_model()
    uid = "labsite.audit"
    user_logged_in.connect(signed_in, dispatch_uid=f"{uid}.in")
    user_logged_out.connect(signed_out, dispatch_uid=f"{uid}.out")
    user_login_failed.connect(refused, dispatch_uid=f"{uid}.failed")
    m2m_changed.connect(groups_of_user_changed, sender=User.groups.through, dispatch_uid=f"{uid}.g")
    m2m_changed.connect(
        permissions_of_group_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}.p"
    )
    pre_save.connect(superuser_flag, sender=User, dispatch_uid=f"{uid}.su0")
    post_save.connect(superuser_flag_saved, sender=User, dispatch_uid=f"{uid}.su1")
    post_save.connect(page_permission, sender=GroupPagePermission, dispatch_uid=f"{uid}.pp1")
    post_delete.connect(page_permission, sender=GroupPagePermission, dispatch_uid=f"{uid}.pp0")
