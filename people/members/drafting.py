"""Where members may start new pages: news, and the indexes the upper apps register (their
papers, their talks). Wagtail's "add" permission on an index lets a member create pages under
it and edit the ones they created; they publish nothing (the review workflow is on the root).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission

MEMBERS_GROUP = "Members"
_index_models: list = []


def register(model) -> None:
    """Members may draft pages under every page of ``model``, existing and new."""
    if model in _index_models:
        return
    _index_models.append(model)
    post_save.connect(
        _index_saved, sender=model, dispatch_uid=f"member-drafting-{model._meta.label_lower}"
    )


def index_models() -> list:
    return list(_index_models)


def grant(index_page) -> None:
    members = Group.objects.filter(name=MEMBERS_GROUP).first()
    if members is None:
        return
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=members, page=index_page, permission=add_page)


def grant_everywhere() -> None:
    for model in _index_models:
        for index_page in model.objects.all():
            grant(index_page)


def _index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant(instance)
