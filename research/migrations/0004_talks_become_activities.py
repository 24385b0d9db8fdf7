"""Talks grow into the engagement record: the models are renamed, keeping every row."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0003_shared_index_introduction"),
    ]

    operations = [
        migrations.RenameModel("TalkIndexPage", "ActivityIndexPage"),
        migrations.RenameModel("TalkPage", "ActivityPage"),
        migrations.RenameModel("TalkSpeaker", "ActivityPerson"),
    ]
