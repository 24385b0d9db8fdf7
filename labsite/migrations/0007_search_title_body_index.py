"""A GIN index on the expression PostgreSQL full-text search filters by.

Wagtail's database search backend matches `title || body` against the query; without an
index on that expression PostgreSQL reads every index entry (30 ms at 5,000 publications),
with it a bitmap index scan answers in under a millisecond. Other databases skip this.
"""

from django.db import migrations

INDEX = "labsite_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("labsite", "0006_accent_colour"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
