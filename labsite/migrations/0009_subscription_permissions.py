"""Site editors see and export subscribers, remove them, and manage suppressed addresses."""

from django.db import migrations

CODENAMES = [
    "view_subscriber",
    "delete_subscriber",
    "view_suppression",
    "add_suppression",
    "change_suppression",
    "delete_suppression",
]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Site editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="labsite", codename__in=CODENAMES)
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Site editors").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="labsite", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("labsite", "0008_subscriptions")]

    operations = [migrations.RunPython(forwards, backwards)]
