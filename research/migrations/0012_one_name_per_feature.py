"""One name per feature: ReadingListPage -> PaperFeedPage, SharedPaper -> FeedPaper (the paper
feed), ActivityIndexPage -> EngagementIndexPage (the engagement record, which lists activities).

Renames only: the tables are renamed, rows and content types keep their ids (Django's
contenttypes app renames the content type during migrate), so pages, revisions and log
entries stay attached. Permission codenames are renamed too, so groups that could add or
change shared papers can add or change feed papers.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

RENAMED_PERMISSION_MODELS = {
    "sharedpaper": "feedpaper",
    "readinglistpage": "paperfeedpage",
    "activityindexpage": "engagementindexpage",
}


def rename_permissions(apps, schema_editor, mapping=RENAMED_PERMISSION_MODELS):
    Permission = apps.get_model("auth", "Permission")
    for old, new in mapping.items():
        for permission in Permission.objects.filter(
            content_type__app_label="research", codename__endswith=f"_{old}"
        ):
            action = permission.codename[: -len(old) - 1]
            codename = f"{action}_{new}"
            # The post_migrate hook of an earlier run may have created the new one already.
            if Permission.objects.filter(
                content_type=permission.content_type, codename=codename
            ).exists():
                continue
            permission.codename = codename
            permission.name = permission.name.replace("shared paper", "feed paper").replace(
                "reading list page", "paper feed page"
            ).replace("activity index page", "engagement index page")
            permission.save(update_fields=["codename", "name"])


def restore_permissions(apps, schema_editor):
    rename_permissions(
        apps, schema_editor, {new: old for old, new in RENAMED_PERMISSION_MODELS.items()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("research", "0011_member_or_name"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("ReadingListPage", "PaperFeedPage"),
        migrations.RenameModel("SharedPaper", "FeedPaper"),
        migrations.RenameModel("SharedPaperTag", "FeedPaperTag"),
        migrations.RenameModel("ActivityIndexPage", "EngagementIndexPage"),
        migrations.RunPython(rename_permissions, restore_permissions),
        migrations.AlterModelOptions(
            name="feedpaper",
            options={
                "ordering": ["-added_at", "-pk"],
                "verbose_name": "feed paper",
                "verbose_name_plural": "feed papers",
            },
        ),
        migrations.AlterField(
            model_name="feedpaper",
            name="feed",
            field=models.ForeignKey(
                help_text="The paper feed this appears in.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="feed_papers",
                to="research.paperfeedpage",
            ),
        ),
        migrations.AlterField(
            model_name="feedpaper",
            name="themes",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Research themes this paper is relevant to: the feed can be filtered by them.",
                related_name="feed_papers",
                to="research.researchthemepage",
            ),
        ),
    ]
