"""Issue 40, finding 12: on an install with several groups every group's talks page is
"engagement", so `import_activities --index SLUG` could pick none. Commands that add to a page
take its address, its group (address or name) or its ID; anything else is refused with the
choices listed as addresses."""

import io

import pytest
from django.core.management import CommandError, call_command

from labsite import page_targets
from research.models import ActivityPage, EngagementIndexPage, PublicationIndexPage
from research.publications.models import PublicationPage

pytestmark = pytest.mark.django_db

CSV = "title,kind,start_date,people\nA talk on the ice,seminar,2025-03-14,Ada Lovelace\n"
BIB = "@article{ice2025, title={Sea ice and sound}, author={Lovelace, Ada}, year={2025}}\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "talks.csv").write_text(CSV)
    (tmp_path / "papers.bib").write_text(BIB)
    return tmp_path


def engagement_of(group):
    return EngagementIndexPage.objects.descendant_of(group.home).get()


@pytest.mark.parametrize(
    "name",
    [
        "http://glacier.localhost/engagement/",
        "glacier.localhost/engagement",
        "glacier.localhost",
        "Glacier Lab",
        "glacier lab",
        "PK",
    ],
)
def test_a_talk_goes_to_the_page_named_by_address_group_or_id(two_groups, files, name):
    _ocean, glacier = two_groups
    target = engagement_of(glacier)
    name = str(target.pk) if name == "PK" else name
    call_command(
        "import_activities", str(files / "talks.csv"), "--index", name, stdout=io.StringIO()
    )
    talk = ActivityPage.objects.get(title="A talk on the ice")
    assert talk.get_parent().pk == target.pk


def test_a_slug_shared_by_every_group_is_refused_with_the_addresses_to_choose_from(
    two_groups, files
):
    before = ActivityPage.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import_activities", str(files / "talks.csv"), "--index", "engagement")
    message = str(refused.value)
    assert "several talks and engagement pages fitting 'engagement'" in message
    assert "http://ocean.localhost/engagement/" in message
    assert "http://glacier.localhost/engagement/" in message
    assert ActivityPage.objects.count() == before


def test_a_name_that_fits_nothing_lists_the_choices(two_groups, files):
    with pytest.raises(CommandError, match="No talks and engagement page fits 'Moon Lab'") as no:
        call_command("import_activities", str(files / "talks.csv"), "--index", "Moon Lab")
    assert "http://glacier.localhost/engagement/" in str(no.value)


def test_bibtex_goes_to_a_groups_publications_and_can_be_saved_as_drafts(two_groups, files):
    _ocean, glacier = two_groups
    out = io.StringIO()
    call_command(
        "import_bibtex", str(files / "papers.bib"), "--index", "Glacier Lab", "--draft", stdout=out
    )
    assert "Imported 1 publication(s) as drafts into 'Publications'" in out.getvalue()
    paper = PublicationPage.objects.get(title="Sea ice and sound")
    assert (
        paper.get_parent().pk == PublicationIndexPage.objects.descendant_of(glacier.home).get().pk
    )
    assert not paper.live and paper.live_revision_id is None
    assert paper.latest_revision_id is not None  # the admin's history and editing have it


def test_a_group_is_found_by_its_address_with_a_port_or_its_name(two_groups):
    ocean, _ = two_groups
    assert page_targets.find_site("ocean.localhost").pk == ocean.site.pk
    assert page_targets.find_site("ocean.localhost:80").pk == ocean.site.pk
    assert page_targets.find_site("http://ocean.localhost/").pk == ocean.site.pk
    assert page_targets.find_site(" Ocean Lab ").pk == ocean.site.pk
    with pytest.raises(page_targets.TargetError, match="ocean.localhost \\(Ocean Lab\\)"):
        page_targets.find_site("ocean.example.org")


def test_import_site_moves_into_the_named_group(two_groups, tmp_path):
    _ocean, glacier = two_groups
    site = tmp_path / "old"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Glacier Lab\n")
    (site / "_posts" / "2025-01-02-field-season.md").write_text(
        "---\ntitle: Our field season starts\n---\nWe leave for the glacier.\n"
    )
    call_command("import_site", str(site), "--group", "glacier.localhost", "--yes", "--offline",
                 stdout=io.StringIO())  # fmt: skip
    from labsite.models import NewsPage

    post = NewsPage.objects.get(title="Our field season starts")
    assert post.get_ancestors().filter(pk=glacier.home.pk).exists()
    with pytest.raises(CommandError, match="No group fit 'moon.localhost'"):
        call_command("import_site", str(site), "--group", "moon.localhost", "--yes")
