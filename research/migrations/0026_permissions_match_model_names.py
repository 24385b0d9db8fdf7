"""Permissions named after a model's old name are folded into the ones named after its new name.

Data migrations here create permissions part-way through (``labsite.migration_grants``), so a
model renamed later (TalkPage -> ActivityPage, ActivityIndexPage -> EngagementIndexPage…) could
end up with both ``add_talkpage`` and ``add_activitypage`` on one content type. Django 5.2
ignores the stale one; Django 6.1 renames permissions itself after a RenameModel and stops
``migrate`` with "permission rename conflict(s)" when the new codename is already taken.

For each content type of this app, a permission ``<action>_<other name>`` beside an
``<action>_<model>`` one gives its groups and users to the latter and is deleted; one with no
such twin is renamed. What anyone may do is unchanged.
"""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def fold_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for content_type in ContentType.objects.filter(app_label="research"):
        own = {p.codename: p for p in Permission.objects.filter(content_type=content_type)}
        for codename, stale in own.items():
            action, _, model = codename.partition("_")
            if action not in ACTIONS or "_" in model or model == content_type.model:
                continue
            current = own.get(f"{action}_{content_type.model}")
            if current is None:
                stale.codename = f"{action}_{content_type.model}"
                stale.save(update_fields=["codename"])
                continue
            current.group_set.add(*stale.group_set.all())
            current.user_set.add(*stale.user_set.all())
            stale.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("research", "0025_incoming_works"),
    ]

    operations = [migrations.RunPython(fold_permissions, migrations.RunPython.noop)]
