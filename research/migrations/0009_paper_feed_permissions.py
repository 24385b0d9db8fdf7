"""Members share papers and edit the feed's entries; site editors may also delete them."""

from django.db import migrations

from labsite.migration_grants import grant

MEMBER = ["add_sharedpaper", "change_sharedpaper", "view_sharedpaper"]

forwards, backwards = grant(
    {
        "Members": [("research", codename) for codename in MEMBER],
        "Site editors": [("research", codename) for codename in [*MEMBER, "delete_sharedpaper"]],
    }
)


class Migration(migrations.Migration):
    dependencies = [("research", "0008_paper_feed")]

    operations = [migrations.RunPython(forwards, backwards)]
