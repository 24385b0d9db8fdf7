"""Site editors see and export subscribers, remove them, and manage suppressed addresses."""

from django.db import migrations

from labsite.migration_grants import grant

forwards, backwards = grant(
    {
        "Site editors": [
            ("labsite", codename)
            for codename in (
                "view_subscriber",
                "delete_subscriber",
                "view_suppression",
                "add_suppression",
                "change_suppression",
                "delete_suppression",
            )
        ]
    }
)


class Migration(migrations.Migration):
    dependencies = [("labsite", "0008_subscriptions")]

    operations = [migrations.RunPython(forwards, backwards)]
