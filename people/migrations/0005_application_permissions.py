"""Members see and update the applications addressed to them; site editors see all of them,
manage the application settings and watch outgoing email."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Members": [
        ("people", "view_application"),
        ("people", "change_application"),
    ],
    "Site editors": [
        ("people", "view_application"),
        ("people", "change_application"),
        ("people", "delete_application"),
        ("people", "view_all_applications"),
        ("people", "change_applicationsettings"),
        ("labsite", "view_outboxemail"),
        ("labsite", "change_outboxemail"),
    ],
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, codename in grants:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for app_label, codename in grants:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_applications"),
        ("labsite", "0004_outbox"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
