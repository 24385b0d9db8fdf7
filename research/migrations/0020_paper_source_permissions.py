"""Site editors configure the paper feed's sources (members share papers and vote)."""

from django.db import migrations

from labsite.migration_grants import grant

forwards, backwards = grant(
    {
        "Site editors": [
            ("research", f"{action}_papersource") for action in ("add", "change", "delete", "view")
        ],
    }
)


class Migration(migrations.Migration):
    dependencies = [("research", "0019_paper_feed_days")]

    operations = [migrations.RunPython(forwards, backwards)]
