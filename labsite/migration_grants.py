"""Granting model permissions to the standard groups from data migrations.

Kept small and stable on purpose: migrations import it, so it must keep working for them.
"""

from django.contrib.auth.management import create_permissions


def grant(grants: dict[str, list[tuple[str, str]]]):
    """A (forwards, backwards) pair giving each group its (app label, codename) permissions."""

    def forwards(apps, schema_editor):
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        for group_name, permissions in grants.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(*_permissions(apps, permissions))

    def backwards(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for group_name, permissions in grants.items():
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                group.permissions.remove(*_permissions(apps, permissions))

    return forwards, backwards


def _permissions(apps, permissions):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in permissions
    ]
