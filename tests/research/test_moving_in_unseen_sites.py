"""Moving in from sites the readers were not built against (issue 39): the generator found
by evidence, people kept as pages, nothing published that the old site hid, --offline.

Each site here is written in the shape a real one had (the sources are in the corpus,
tests/data/sites/README.md); small on purpose, so that each test shows one rule."""

import io
import re
import zipfile

import pytest
from django.core.management import call_command

from research.moving_in.files import SiteFiles
from research.moving_in.readers import detect_with_evidence, read_site

pytestmark = pytest.mark.django_db


def _site(files: dict[str, str]) -> SiteFiles:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in files.items():
            archive.writestr(f"site-main/{path}", text)
    buffer.seek(0)
    return SiteFiles.from_zip(buffer)


ACADEMICPAGES_WITH_PROJECTS = {
    "_config.yml": "title: Jane Roe\nauthor:\n  name: Jane Roe\n  avatar: profile.png\n",
    "markdown_generator/publications.py": "# the template's generator\n",
    "_publications/2020-paper.md": (
        "---\ntitle: 'Ocean heat uptake'\ndate: 2020-03-01\nvenue: 'Nature'\n"
        "authors: 'Jane Roe, Ann Other and Bo Third'\n---\nAbstract.\n"
    ),
    "_talks/2021-talk.md": "---\ntitle: 'A talk'\ndate: 2021-01-01\n---\n",
    "_projects/ocean.md": "---\nname: Ocean mixing\n---\nWhat we study in the ocean.\n",
    "_projects/ice.md": "---\nname: Sea ice\n---\nWhat we study on ice.\n",
}


def test_an_academicpages_site_with_its_own_projects_folder_is_not_taken_for_al_folio():
    files = _site(ACADEMICPAGES_WITH_PROJECTS)
    detection = detect_with_evidence(files)
    assert detection.site_format == "academicpages"
    assert "markdown_generator/" in detection.evidence
    plan = read_site(files)
    assert "_publications/" in plan.detection
    [paper] = plan.publications
    # The front matter's authors, not the owner alone.
    assert [a.display_name for a in paper.draft.authors] == ["Jane Roe", "Ann Other", "Bo Third"]
    # Projects named with name: instead of title: are kept.
    assert sorted(p.title for p in plan.pages_of("project")) == ["Ocean mixing", "Sea ice"]


def test_a_close_call_between_generators_warns_and_format_overrides_it():
    files = _site(
        {
            "_config.yml": "title: X\n",
            "_bibliography/papers.bib": "@article{a, title={T}, author={A, B}, year=2020}\n",
            "_publications/p.md": "---\ntitle: P\ndate: 2020-01-01\n---\n",
            "_talks/t.md": "---\ntitle: T\ndate: 2020-01-01\n---\n",
        }
    )
    plan = read_site(files)
    assert any("looks nearly as much like" in str(w) for w in plan.warnings)
    chosen = read_site(files, "academicpages")
    assert chosen.site_format == "academicpages" and "chosen by you" in chosen.detection


def test_members_kept_as_pages_under_a_people_folder_become_people_and_no_one_is_made_from_the_site_title():
    files = _site(
        {
            "_config.yml": "title: Smith Lab\nfirst_name: Smith\nlast_name: Lab\n",
            "_bibliography/papers.bib": "",
            "_pages/people/ada-lovelace.md": (
                "---\nlayout: page\ntitle: Ada Lovelace\nposition: PhD student\n---\nAda works on engines.\n"
            ),
            "_pages/people/alan-turing.md": "---\ntitle: Alan Turing\n---\nAlan works on machines.\n",
            "_pages/profiles.md": (
                "---\nlayout: profiles\ntitle: people\nprofiles:\n"
                "  - name: Grace Hopper\n    image: grace.jpg\n    more_info: >\n"
                "      <p>Principal Investigator</p>\n"
                '      <p><a href="mailto:grace@example.edu">grace@example.edu</a></p>\n---\n'
            ),
        }
    )
    plan = read_site(files)
    people = {p.name: p for p in plan.people}
    assert set(people) == {"Ada Lovelace", "Alan Turing", "Grace Hopper"}
    assert people["Ada Lovelace"].role == "PhD student"
    assert people["Grace Hopper"].role == "Principal Investigator"
    assert people["Grace Hopper"].email == "grace@example.edu"
    assert any("name the site, not a person" in n.message for n in plan.skipped)
    assert not [p for p in plan.pages if "people" in p.source]


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        (
            {
                "_publications/_academicpages/2009-paper.md": "---\ntitle: Real looking\ndate: 2009-01-01\n---\n"
            },
            "folder starting with '_'",
        ),
        (
            {"_portfolio/_draft/thing.md": "---\ntitle: Thing\n---\nText\n"},
            "folder starting with '_'",
        ),
        (
            {"_posts/2020-01-01-hidden.md": "---\ntitle: Hidden\npublished: false\n---\nText\n"},
            "published: false",
        ),
        ({"_posts/2199-01-01-future-post.md": "---\ntitle: Ahead\n---\nText\n"}, "in the future"),
        (
            {"_posts/2012-08-14-blog-post-1.md": "---\ntitle: 'Blog Post number 1'\n---\nText\n"},
            "example content",
        ),
        (
            {
                "_talks/2012-03-01-talk-1.md": "---\ntitle: Talk 1 on Relevant Topic in Your Field\ndate: 2012-03-01\n---\n"
            },
            "example content",
        ),
    ],
)
def test_what_an_academicpages_site_did_not_publish_is_skipped_and_listed(files, reason):
    plan = read_site(_site({**ACADEMICPAGES_WITH_PROJECTS, **files}))
    [path] = files
    notes = [n.message for n in plan.skipped if n.path == path]
    assert notes and reason in notes[0], plan.skipped
    assert path not in {p.source for p in plan.pages} | {i.source for i in plan.publications}


def test_jekyll_future_true_publishes_dated_posts_ahead():
    site = {
        **ACADEMICPAGES_WITH_PROJECTS,
        "_posts/2199-01-01-ahead.md": "---\ntitle: Ahead\n---\nT\n",
    }
    site["_config.yml"] += "future: true\n"
    plan = read_site(_site(site))
    assert "Ahead" in {p.title for p in plan.pages_of("news")}


HUGO = {
    "config/_default/hugo.yaml": "title: Ocean Group\nmodule:\n  imports:\n    - path: github.com/HugoBlox/hugo-blox-builder/modules/blox-bootstrap/v5\n",
    "content/authors/ann/_index.md": "---\ntitle: Ann Real\n---\n",
    "content/authors/admin/_index.md": "---\ntitle: Nelson Bighetti\n---\n",
    "content/publication/journal-article/index.md": (
        "---\ntitle: An example journal article\nauthors: [admin]\ndate: 2015-09-01\ndraft: true\n---\n"
    ),
    "content/publication/real/index.md": (
        "---\ntitle: Our real paper\nauthors: [ann]\ndate: 2021-05-01\ndoi: 'https://doi.org/10.1000/XYZ1'\n---\n"
    ),
    "content/post/soon/index.md": "---\ntitle: Next year\ndate: 2199-01-01\n---\nText\n",
    "content/post/old/index.md": "---\ntitle: Expired\ndate: 2020-01-01\nexpiryDate: 2021-01-01\n---\nText\n",
}


def test_hugo_drafts_future_expired_and_example_people_are_skipped():
    plan = read_site(_site(HUGO))
    assert [p.name for p in plan.people] == ["Ann Real"]
    assert [i.draft.title for i in plan.publications] == ["Our real paper"]
    # A DOI written as an address in front matter is stored in its normal form.
    assert plan.publications[0].draft.doi == "10.1000/xyz1"
    assert not plan.pages_of("news")
    messages = " ".join(n.message for n in plan.skipped)
    for reason in ("draft: true", "in the future", "expiryDate", "example person"):
        assert reason in messages


def test_older_academic_sections_in_the_plural_and_names_in_name():
    plan = read_site(
        _site(
            {
                "config.toml": 'title = "Vis Lab"\ntheme = "academic"\n',
                "content/authors/bo/_index.md": "---\nname: Bo Li\n---\n",
                "content/publications/first/index.md": (
                    "---\ntitle: First\nauthors: [Bo Li]\ndate: 2019-01-01\n---\n"
                ),
                "content/talks/vis/index.md": "---\ntitle: A VIS talk\ndate: 2019-10-01\n---\n",
            }
        )
    )
    assert [p.name for p in plan.people] == ["Bo Li"]
    assert [i.draft.title for i in plan.publications] == ["First"]
    assert [t.title for t in plan.pages_of("talk")] == ["A VIS talk"]


def test_front_matter_with_tabs_is_read_as_the_generators_read_it():
    plan = read_site(
        _site(
            {
                "config.toml": 'title = "Vis Lab"\n',
                "content/authors/bo/_index.md": "---\nname: Bo Li\n---\n",
                "content/publication/p/index.md": (
                    "---\ntitle: Tabbed\nauthors:\n  [\n\tBo Li,\n    Ann Other\n  ]\ndate: 2019-01-01\n---\n"
                ),
            }
        )
    )
    assert [i.draft.title for i in plan.publications] == ["Tabbed"]


def test_offline_is_accepted_and_examples_can_be_kept(tmp_path):
    for path, text in HUGO.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    out = io.StringIO()
    call_command("import_site", str(tmp_path), "--offline", stdout=out)
    assert "Why this kind of site: found config/_default/" in out.getvalue()
    assert "Nelson Bighetti" in out.getvalue()  # listed as left out
    out = io.StringIO()
    call_command("import_site", str(tmp_path), "--offline", "--keep-examples", stdout=out)
    assert "person       Nelson Bighetti" in out.getvalue()


def test_a_second_preview_lists_what_is_there_apart_from_what_it_would_create(tmp_path, tree):
    for path, text in HUGO.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    call_command("import_site", str(tmp_path), "--yes", "--offline", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_site", str(tmp_path), "--offline", stdout=out)
    created, _sep, there = out.getvalue().partition("Already on the site")
    assert "Ann Real" not in created.split("Will be created:")[1]
    assert "Ann Real" in there and "publications 1" in there
    assert "publications 0 new" in created


def test_code_blocks_the_home_page_text_and_repository_files(tree):
    from labsite.models import HomePage
    from research.moving_in.apply import apply

    files = _site(
        {
            "_config.yml": "title: Jane Roe\n",
            "index.md": "---\nlayout: default\n---\n# Welcome\n\nWe study the ocean, its heat and its tides, from ships and satellites.\n",
            "CODE_OF_CONDUCT.md": "# Code of conduct\n\nBe kind to everyone in this repository, always and everywhere.\n",
            "research.md": (
                "---\ntitle: Software\n---\nOur model runs with one command and a long explanation:\n\n"
                "```python\nimport ocean\nocean.run(days=3)\n```\n"
            ),
        }
    )
    plan = read_site(files)
    assert [p.kind for p in plan.pages if p.source == "index.md"] == ["home"]
    assert "CODE_OF_CONDUCT.md" not in {p.source for p in plan.pages}
    [software] = [p for p in plan.pages if p.title == "Software"]
    assert (
        "code",
        {"language": "python", "code": "import ocean\nocean.run(days=3)"},
    ) in software.body.blocks
    home = HomePage.objects.get()
    home.body = []
    home.save_revision().publish()
    apply(plan, files)
    home.refresh_from_db()
    assert "We study the ocean" in str(home.body)


def test_a_hand_written_team_page_lists_people_with_their_group_as_role():
    team = (
        "---\nlayout: page\npermalink: /people/\ntitle: People\n---\n"
        '<h2>Professor</h2><div><img src="/assets/img/lee.png" alt="Younghan Lee">'
        "<h3>Younghan Lee</h3><p>Younghan Lee is an assistant professor working on AI security.</p></div>"
        "<h2>PhD Students</h2>"
        '<div><h3>Jeni Lee <span lang="ko">이제니</span></h3><p>Works on secure code generation and repair.</p></div>'
        "<div><h3>Ayoung Shim</h3><p>Works on federated learning.</p></div>"
        "<h2>Alumni</h2><div><h3>Bo Li</h3><p>Now at a company.</p></div>\n"
    )
    plan = read_site(
        _site(
            {
                "_config.yml": "title: TAIS LAB\nfirst_name: Younghan\nlast_name: Lee\nscholar:\n  style: apa\n",
                "_bibliography/papers.bib": "",
                "_pages/profiles.md": team,
                "assets/img/lee.png": "",
            }
        )
    )
    people = {p.name: p for p in plan.people}
    assert list(people) == ["Younghan Lee", "Jeni Lee", "Ayoung Shim", "Bo Li"]
    assert people["Younghan Lee"].photo is not None  # the owner, completed from the team page
    assert people["Jeni Lee"].role == "PhD Student"
    assert people["Bo Li"].former
    assert "standard pages" not in [p.kind for p in plan.pages if p.source == "_pages/profiles.md"]


def test_a_page_at_labsites_own_address_moves_beside_it_and_cms_pages_are_left_out():
    plan = read_site(
        _site(
            {
                **HUGO,
                "content/admin/index.md": "---\ntype: wowchemycms\nprivate: true\n---\n",
                "content/search/index.md": "---\ntitle: Search\n---\nHow to search our data archive, in several steps, with examples.\n",
            }
        )
    )
    assert any("content-management page" in n.message for n in plan.skipped)
    [tips] = [p for p in plan.pages if p.title == "Search"]
    assert tips.slug == "search-page"


def test_members_in_a_collection_the_theme_does_not_have_are_people():
    plan = read_site(
        _site(
            {
                "_config.yml": "title: ADLab\nlast_name: ADLab\n",
                "_bibliography/papers.bib": "",
                "_team/_template.md": "---\ntitle: Template Person\n---\n",
                "_team/bo.md": "---\ntitle: Bo Li\nposition: Researcher\n---\nBo works on driving.\n",
                "_team/ann.md": "---\ntitle: Dr.-Ing. Ann Other, MSc\n---\n",
            }
        )
    )
    assert sorted(p.name for p in plan.people) == ["Ann Other", "Bo Li"]
    assert any("starts with '_'" in n.message for n in plan.skipped)


def test_the_admin_shows_a_running_import_and_a_stopped_one(admin_client_logged_in):
    from research.moving_in.models import SiteImportRun

    run = SiteImportRun.objects.create(upload="site-imports/x.zip", fingerprint="f" * 16)
    run.say("  people: 50 of 174")
    response = admin_client_logged_in.get(f"/admin/import-site/runs/{run.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="3">' in html and "people: 50 of 174" in html
    SiteImportRun.objects.filter(pk=run.pk).update(state="failed", message="The zip is gone.")
    response = admin_client_logged_in.get(f"/admin/import-site/runs/{run.pk}/")
    assert response.status_code == 400 and "The zip is gone." in response.content.decode()
    assert 'http-equiv="refresh"' not in response.content.decode()


def test_a_second_upload_in_the_admin_imports_what_its_preview_showed(admin_client_logged_in, tree):
    # The preview marks what is already on the site, which reads the drafts against it: the
    # fingerprint the import checks is the one taken before that.
    def upload_and_confirm():
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path, text in HUGO.items():
                archive.writestr(f"site-main/{path}", text)
        buffer.seek(0)
        buffer.name = "site.zip"
        response = admin_client_logged_in.post("/admin/import-site/", {"archive": buffer})
        fingerprint = re.search(r'name="fingerprint" value="(\w+)"', response.content.decode())
        return admin_client_logged_in.post(
            "/admin/import-site/confirm/", {"fingerprint": fingerprint.group(1)}
        )

    assert upload_and_confirm().status_code == 302
    assert upload_and_confirm().status_code == 302
