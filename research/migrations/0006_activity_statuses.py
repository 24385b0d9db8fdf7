"""Statuses are named for any activity now: 'scheduled' becomes 'planned', 'given' becomes 'done'."""

from django.db import migrations

RENAMED = {"scheduled": "planned", "given": "done"}


def forwards(apps, schema_editor):
    ActivityPage = apps.get_model("research", "ActivityPage")
    for old, new in RENAMED.items():
        ActivityPage.objects.filter(status=old).update(status=new)


def backwards(apps, schema_editor):
    ActivityPage = apps.get_model("research", "ActivityPage")
    for old, new in RENAMED.items():
        ActivityPage.objects.filter(status=new).update(status=old)


class Migration(migrations.Migration):
    dependencies = [("research", "0005_activity_record")]

    operations = [migrations.RunPython(forwards, backwards)]
