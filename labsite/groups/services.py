"""Creating a group's site in one transaction."""

import time
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from labsite.groups.skeleton import editor_permissions, index_pages
from labsite.models.pages import HomePage
from labsite.models.site_settings import SiteSettings

PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]  # fmt: skip


class GroupExists(Exception):
    pass


@dataclass
class NewGroup:
    site: Site
    home: HomePage
    editors: Group
    collection: Collection
    pages: list[Page] = field(default_factory=list)
    seconds: float = 0.0


def create_group(name: str, hostname: str, port: int = 80) -> NewGroup:
    started = time.perf_counter()
    name = " ".join(name.split())
    if not name:
        raise GroupExists("Give the group a name, e.g. 'Ocean Acoustics Lab'.")
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise GroupExists(f"{hostname}:{port} already has a site; choose another address.")
    if Group.objects.filter(name=f"{name} editors").exists():
        raise GroupExists(f"A group called '{name}' exists already; choose another name.")
    with transaction.atomic():
        root = Page.get_first_root_node()
        slug = slugify(name)[:50] or "group"
        taken = set(root.get_children().values_list("slug", flat=True))
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        home = HomePage(title=name, slug=slug)
        root.add_child(instance=home)
        home.save_revision().publish()
        created = [home]
        for spec in index_pages:
            model = apps.get_model(spec.model)
            page = model(title=spec.title, slug=spec.slug, show_in_menus=spec.in_menu)
            home.add_child(instance=page)
            page.save_revision().publish()
            created.append(page)
        site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)
        SiteSettings.objects.update_or_create(site=site, defaults={"group_name": name})
        collection = Collection.get_first_root_node().add_child(name=name)
        editors = Group.objects.create(name=f"{name} editors")
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for name in editor_permissions:
            app_label, codename = name.split(".")
            editors.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=editors,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=editors,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return NewGroup(site, home, editors, collection, created, time.perf_counter() - started)
