"""Supervision is a structured record shown from the student's and the supervisor's side."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from people.models import ExternalPerson, PersonPage, Supervision, SupervisionSupervisor


@pytest.mark.django_db
def test_student_page_says_who_supervises_them(client):
    html = client.get("/people/aiko-tanaka-ross/").content.decode()
    section = html[html.index("Supervised by") :]
    assert 'href="/people/ines-carrow/"' in section
    assert "Dr Hanne Rasmussen" in section and "Nordic Marine Institute" in section
    assert "Doctoral Training Programme in Ocean Data Science" in section


@pytest.mark.django_db
def test_supervisor_page_lists_current_and_past_students(client):
    html = client.get("/people/maren-okafor/").content.decode()
    current = html[html.index('id="profile-supervises"') : html.index('id="profile-past_students"')]
    past = html[html.index('id="profile-past_students"') :]
    assert "Lena Fairbairn" in current and "Kofi Brandt" in current
    assert "Priya Venkataraman" in past
    assert "Knowing when the sonar is unsure" in past


@pytest.mark.django_db
def test_supervision_page_groups_current_and_past_by_degree(client):
    html = client.get("/supervision/").content.decode()
    current, past = html.split("Past students", 1)
    assert "PhD" in current and "Lena Fairbairn" in current
    assert "2 MSc students" in past
    assert "George Halloran" in past


@pytest.mark.django_db
def test_a_supervision_names_exactly_one_kind_of_student():
    person = PersonPage.objects.get(slug="kofi-brandt")
    both = Supervision(
        student=person, student_name="Kofi", degree="phd", start_date=datetime.date(2024, 1, 1)
    )
    neither = Supervision(degree="phd", start_date=datetime.date(2024, 1, 1))
    for supervision in (both, neither):
        with pytest.raises(ValidationError):
            supervision.clean()


@pytest.mark.django_db
def test_supervisor_row_is_a_member_or_an_external_person_not_both():
    row = SupervisionSupervisor(
        person=PersonPage.objects.first(), external=ExternalPerson.objects.first(), role="co"
    )
    with pytest.raises(ValidationError):
        row.clean()
    with pytest.raises(ValidationError):
        SupervisionSupervisor(role="co").clean()


@pytest.mark.django_db
def test_thesis_needs_a_completed_supervision():
    supervision = Supervision(
        student_name="A. Student",
        degree="phd",
        start_date=datetime.date(2020, 1, 1),
        thesis_title="T",
    )
    with pytest.raises(ValidationError) as error:
        supervision.clean()
    assert "completed" in error.value.message_dict


@pytest.mark.django_db
def test_a_stored_supervision_line_follows_its_student_programme_and_record(client):
    """Lines are kept once rendered ({% record_fragment %}); each thing a line prints from
    elsewhere is in its key, so a change shows at once on both pages that list it."""

    pages = ("/supervision/", "/people/ines-carrow/")  # her student
    for page in pages:
        assert "Aiko Tanaka-Ross" in client.get(page).content.decode()  # now stored

    student = PersonPage.objects.get(slug="aiko-tanaka-ross")
    student.title = "Aiko Tanaka-Rossi"
    student.save_revision().publish()
    for page in pages:
        assert "Aiko Tanaka-Rossi" in client.get(page).content.decode(), page

    supervision = Supervision.objects.get(student=student)
    programme = supervision.programme
    programme.name = "Ocean Data Doctoral School"
    programme.save()
    for page in pages:
        html = client.get(page).content.decode()
        assert "Ocean Data Doctoral School" in html, page
        assert "Doctoral Training Programme in Ocean Data Science" not in html, page

    supervision.topic = "Listening for <whales> at night"
    supervision.save_revision().publish()
    for page in pages:
        assert "Listening for &lt;whales&gt; at night" in client.get(page).content.decode()


@pytest.mark.django_db
def test_a_student_moves_to_past_students_the_day_after_their_end_date(client):
    """A person's sections are kept once rendered (labsite.pagecache.kept) and keyed by the
    date, so the move needs no edit: nothing is saved between the two visits."""
    supervision = Supervision.objects.get(student_name="", student__slug="lena-fairbairn")
    today = timezone.localdate()
    supervision.end_date = today
    supervision.save_revision().publish()

    def sections():
        html = client.get("/people/maren-okafor/").content.decode()
        past_at = html.index('id="profile-past_students"')
        past_end = html.index("</section>", past_at)
        return html[html.index('id="profile-supervises"') : past_at], html[past_at:past_end]

    current, past = sections()
    assert "Lena Fairbairn" in current and "Lena Fairbairn" not in past
    tomorrow = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time(12),
        tzinfo=timezone.get_current_timezone(),
    )
    with time_machine.travel(tomorrow, tick=False):
        current, past = sections()
    assert "Lena Fairbairn" not in current and "Lena Fairbairn" in past
