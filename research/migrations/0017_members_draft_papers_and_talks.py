"""Members add their own papers and talks: the Members group may add pages (drafts, through
review) under every publication list and engagement record that exists already. New ones get
the same permission when they are created (people.members.drafting)."""

from django.db import migrations

MEMBERS = "Members"
INDEX_MODELS = ("publicationindexpage", "engagementindexpage")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    members = Group.objects.filter(name=MEMBERS).first()
    add_page = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="add_page"
    ).first()
    if members is None or add_page is None:
        return
    types = ContentType.objects.filter(app_label="research", model__in=INDEX_MODELS)
    for page in Page.objects.filter(content_type__in=types):
        GroupPagePermission.objects.get_or_create(group=members, page=page, permission=add_page)


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0016_citation_block"),
        ("people", "0009_citation_block"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
