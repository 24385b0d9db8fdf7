"""The stored BibTeX entries gain a `url` field (the publisher's page, the PDF or the preprint):
entries of publications that have such a link are emptied here, and refilled after migrating
by the post_migrate step of research/apps.py, which re-renders any publication without one."""

from django.db import migrations
from django.db.models import Q

URL_KINDS = ("publisher", "pdf", "preprint")


def forwards(apps, schema_editor):
    PublicationPage = apps.get_model("research", "PublicationPage")
    with_url = PublicationPage.objects.filter(
        Q(arxiv_id__gt="") | Q(links__kind__in=URL_KINDS)
    ).values_list("pk", flat=True)
    PublicationPage.objects.filter(pk__in=list(set(with_url))).update(bibtex_text="")


class Migration(migrations.Migration):
    dependencies = [("research", "0022_paper_feed_word_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
