"""Issue 40's first journey: a PI puts every line of seed 001 (her hand-written research page)
into an empty group, in Chromium, each step timed (printed with -s).

She imports the page through *Import a website* into her group (its papers and talks become
records), then enters by hand what the page keeps as prose lists: the other research projects
(dates as she knows them, "2025") and the supervision lines (the person chooser opening at her
group's people, a co-supervisor elsewhere and a doctoral programme created from their choosers).
At the end every line of the seed's lists is a record on the group's site, and the prose
(research interests) is on its research page.
"""

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from labsite.groups.services import create_group
from labsite.models.pages import StandardPage
from people.profiles.models import PersonPage
from people.supervision.models import Supervision
from research.engagement.models import ActivityPage
from research.projects.models import ProjectIndexPage, ProjectPage
from research.publications.index_page import PublicationIndexPage
from research.publications.models import PublicationPage
from tests.browser.test_editor_day import Steps, publish
from tests.browser.test_member_moderation import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEED = Path(__file__).resolve().parents[1] / "data" / "seeds" / "001"

#: The seed's paper "Under Review" with no year: the import leaves it out and says why.
UNDATED = "Using machine learning effectively in marine benthic ecology: a question-driven toolkit"

#: The seed's "Other Research Projects", as the PI types them: title, summary, status, start.
PROJECTS = [
    ("DeepSea Nexus: Connecting with your oceans through Extended Reality",
     "Crucible grant, in collaboration with L. De Clippele and I. Findlay-Walsh.", "active", "2025"),
    ("Coding, creativity and confidence in the Generative Artificial Intelligence era",
     "Crucible grant, in collaboration with C. Reid, G. Callea, R. Yanagida and S. Falkowski.",
     "active", "2025"),
    ("Interactive machine learning reflections",
     "How a human-in-the-loop approach can increase model training efficiency, led by "
     "L. De Clippele and presented at Marine Imaging Workshop 2024.", "completed", "2024"),
    ("Deep learning for unit commitment in electric power systems",
     "A deep learning framework for the unit commitment problem.", "completed", ""),
    ("Gerrymandering in the United Kingdom",
     "Political geography in a statistical physics framework; Markov chain Monte Carlo for "
     "assessing the fairness of constituencies.", "completed", "2019"),
    ("Sparsity in neural networks using sampling",
     "Introducing sparsity in neural networks using sampling.", "completed", "2019"),
    ("Beyond test accuracy",
     "Neural network behaviour at the classification boundary. NeurIPS 2021 ICBINB workshop.",
     "completed", "2021"),
    ("Bayesian inference for flocking",
     "Bayesian inference for stochastic (Langevin dynamics) models of flocking.", "completed", ""),
    ("Stochastic multiple timestepping",
     "Techniques for coupled systems of fast and slow variables.", "completed", ""),
    ("Two-cylinder Rényi entropies",
     "Shape dependence of two-cylinder Rényi entropies for free bosons on a lattice, at the "
     "Perimeter Institute; Physical Review B.", "completed", "2016"),
]  # fmt: skip

#: The seed's supervision lines: (student name, cohort, offered, degree, topic, start).
SUPERVISION = [
    ("Viktor Wu", "", False, "phd", "The marine rewilding effect: measuring Marine Net Gain", ""),
    ("Antonella Marsella", "", False, "phd", "DiveIn CDT project", ""),
    ("Tobias Froehlich", "", False, "phd", "DiveIn CDT project", ""),
    ("Fay Bennedik", "", False, "phd", "Abundance estimation using emerging data types", ""),
    ("", "", True, "phd", "Deploying deep learning for marine biodiversity monitoring", ""),
    ("", "2", False, "msc", "AIMS Ghana MSc in Mathematical Sciences", ""),
    ("", "3", False, "final_year", "Neural network optimisation", ""),
    ("Mia Hodgson-Student", "", False, "msci", "Simulating Scottish ecosystems", ""),
    ("Vic Camera", "", False, "vacation", "Camera trap image classification", "2025"),
    ("Sam Drone", "", False, "summer", "Vegetation patterns from drone imagery", "2024"),
    ("Lee Layers", "", False, "summer", "Layer-wise training and adversarial robustness", ""),
    ("Tess Pinson-Student", "", False, "masters", "Effective nonlinearity of deep networks", ""),
]  # fmt: skip


def seed_list(heading: str) -> list[str]:
    """The bullet lines of one of the seed's bold-headed lists (HTML comments left out)."""
    text = re.sub(r"<!--.*?-->", "", (SEED / "research.md").read_text(), flags=re.S)
    found = []
    for section in text.split(f"**{heading}**")[1:]:  # "Supervision" heads two paragraphs
        section = re.split(r"\n\*\*[^*\n]+\*\*", section, maxsplit=1)[0]
        found += [line for line in section.splitlines() if re.match(r"\s*- \S", line)]
    return found


def test_a_pi_enters_every_line_of_seed_001_into_an_empty_group(
    page, live_server, django_user_model, tmp_path
):
    steps = Steps("A PI enters every line of seed 001 into an empty group")
    port = int(live_server.url.rsplit(":", 1)[1])
    # The group's site answers at 127.0.0.1 (the admin at localhost).
    group = create_group("Vlaar Lab", "127.0.0.1", port)
    site_url = f"http://127.0.0.1:{port}"
    # The department's administrator moves her page in; she (her group's editor) does the rest.
    django_user_model.objects.create_superuser("dept", "it@example.org", "dept-pass-123")
    tiffany = django_user_model.objects.create_user("tiffany", "tv@example.org", "tiffany-pass-123")
    tiffany.groups.add(group.editors)
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in SEED.iterdir():
            bundle.write(path, f"TiffanyVlaar.github.io-main/{path.name}")

    with steps.step("administrator: log in"):
        log_in(page, live_server, "dept", "dept-pass-123")
    with steps.step("administrator: import her research page into the group", 60):
        page.goto(f"{live_server.url}/admin/import-site/")
        page.set_input_files("#id_archive", str(archive))
        page.select_option("#id_group", label="Vlaar Lab")
        page.get_by_role("button", name="Show what would be imported").click()
        expect(page.get_by_text("It goes to the site of")).to_be_visible()
        expect(page.get_by_text("it has no year").first).to_be_visible()
        page.get_by_role("button", name="Import all of this").click()
        expect(page.get_by_text("Imported in")).to_be_visible(timeout=45_000)
    pi = PersonPage.objects.descendant_of(group.home).get(title="Tiffany Vlaar")
    page.context.clear_cookies()
    with steps.step("PI: log in"):
        log_in(page, live_server, "tiffany", "tiffany-pass-123")

    # The preview and the result named the one paper it could not date ("Under Review"):
    # she adds it herself, typing its authors into one box.
    publications = PublicationIndexPage.objects.descendant_of(group.home).get()
    with steps.step("PI: add the paper the import could not date"):
        page.goto(f"{live_server.url}/admin/pages/add/research/publicationpage/{publications.pk}/")
        page.fill("#id_title", UNDATED)
        page.fill("#id_paste_authors", "L. De Clippele and Tiffany Vlaar")
        page.select_option("#id_status", "under_review")
        page.fill("#id_year", "2026")
        publish(page)
        expect(page.locator(".messages").get_by_text(re.compile("published"))).to_be_visible()

    projects = ProjectIndexPage.objects.descendant_of(group.home).get()
    add_project = f"{live_server.url}/admin/pages/add/research/projectpage/{projects.pk}/"
    with steps.step(f"enter {len(PROJECTS)} projects, dates as known", 90):
        for title, summary, status, start in PROJECTS:
            page.goto(add_project)
            page.fill("#id_title", title)
            page.fill("#id_summary", summary)
            page.select_option("#id_status", status)
            page.fill("#id_start_date", start)
            publish(page)
            expect(page.locator(".messages").get_by_text(re.compile("published"))).to_be_visible()

    add_supervision = f"{live_server.url}/admin/snippets/people/supervision/add/"
    with steps.step(f"enter {len(SUPERVISION)} supervision lines", 120):
        for number, (name, cohort, offered, degree, topic, start) in enumerate(SUPERVISION):
            page.goto(add_supervision)
            if name:
                page.fill("#id_student_name", name)
            if cohort:
                page.fill("#id_cohort_size", cohort)
            if offered:
                page.check("#id_offered")
            page.select_option("#id_degree", degree)
            page.fill("#id_topic", topic)
            page.fill("#id_start_date", start)
            # The person chooser opens at her group's people: she is on its first screen.
            page.locator("#id_supervisors-0-person-chooser .unchosen button").click()
            page.locator(".modal").get_by_role("link", name="Tiffany Vlaar").click()
            expect(page.locator("#id_supervisors-0-person-chooser")).not_to_have_class(
                re.compile(r"\bblank\b")
            )
            if number == 0:
                # The co-supervisor elsewhere and the doctoral programme, each created from
                # its chooser without leaving the form.
                page.select_option("#id_supervisors-0-role", "co")
                page.get_by_role("button", name="Add supervisor").click()
                page.locator("#id_supervisors-1-external-chooser .unchosen button").click()
                modal = page.locator(".modal")
                modal.get_by_role("tab", name="Create").click()
                modal.locator("input[name$='name']").first.fill("Dr L. De Clippele")
                modal.locator("input[name$='institution']").fill("University of Glasgow")
                modal.get_by_role("button", name="Create").click()
                expect(page.locator("#id_supervisors-1-external-chooser")).not_to_have_class(
                    re.compile(r"\bblank\b")
                )
                page.select_option("#id_supervisors-1-role", "main")
                page.locator("#id_programme-chooser .unchosen button").click()
                modal = page.locator(".modal")
                modal.get_by_role("tab", name="Create").click()
                modal.locator("input[name$='name']").first.fill("NETGAIN CDT")
                modal.get_by_role("button", name="Create").click()
                expect(page.locator("#id_programme-chooser")).not_to_have_class(
                    re.compile(r"\bblank\b")
                )
            publish(page)
            expect(page.locator(".messages").get_by_text(re.compile("published"))).to_be_visible()

    # Every line of the seed's lists is now a record of the group.
    papers = PublicationPage.objects.live().descendant_of(group.home)
    talks = ActivityPage.objects.live().descendant_of(group.home)
    assert papers.count() == 9 and papers.filter(title=UNDATED).exists()
    assert talks.count() == len(seed_list("Selected Research Engagement"))
    assert ProjectPage.objects.live().descendant_of(group.home).count() == len(
        seed_list("Other Research Projects:")
    )
    supervised = Supervision.objects.filter(site=group.site, live=True)
    assert supervised.count() == len(seed_list("Supervision")) == len(SUPERVISION)
    assert all(talk.date_precision == "year" for talk in talks)

    with steps.step("read it as a visitor"):
        page.goto(pi.full_url)
        expect(page.get_by_text("Viktor Wu").first).to_be_visible()
        expect(page.get_by_text("Dr L. De Clippele").first).to_be_visible()
        expect(page.get_by_text("NETGAIN CDT").first).to_be_visible()
        page.goto(projects.full_url)
        expect(page.get_by_text("DeepSea Nexus").first).to_be_visible()
        expect(page.get_by_text("2025–").first).to_be_visible()
        page.goto(f"{site_url}/")
        html = page.content()
        # Her research interests stay on the research page that the import made.
        research = StandardPage.objects.live().descendant_of(group.home).get(title="Research")
        page.goto(research.full_url)
        expect(page.get_by_text("Physics-informed Machine Learning").first).to_be_visible()
    assert "Vlaar Lab" in html
    steps.report()
