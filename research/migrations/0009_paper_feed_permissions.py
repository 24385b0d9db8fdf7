"""Members share papers and edit the feed's entries; site editors may also delete them."""

from django.db import migrations

GRANTS = {
    "Members": ["add_sharedpaper", "change_sharedpaper", "view_sharedpaper"],
    "Site editors": [
        "add_sharedpaper",
        "change_sharedpaper",
        "view_sharedpaper",
        "delete_sharedpaper",
    ],
}


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="research", codename__in=codenames)
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="research", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [("research", "0008_paper_feed")]

    operations = [migrations.RunPython(forwards, backwards)]
