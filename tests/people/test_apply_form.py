"""The public contact form: every bad field, uploads, spam defences, and what gets stored."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from labsite.models import OutboxEmail
from people.applications.forms import sign_started
from people.models import Application, OpeningPage, PersonPage
from tests.factories import OpeningPageFactory, pdf_bytes

pytestmark = pytest.mark.django_db

APPLY = "/apply/"
STATEMENT = (
    "I want to learn how small networks of cheap hydrophones can map coastal sound. "
    "My MSc thesis built a denoiser for seabed recordings and I would like to extend it. "
    "I have two years of Python and some field experience on survey boats."
)


def ours():
    """Applications sent by these tests (the demo group comes with a few of its own)."""
    return Application.objects.filter(institution="University of Elsewhere")


def cv_file(name="cv.pdf", content=None):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


def valid_data(**changes):
    next_year = timezone.localdate().year + 1
    data = {
        "started": sign_started(timezone.now().timestamp() - 120),
        "name": "Ana Example",
        "email": "ana@example.org",
        "institution": "University of Elsewhere",
        "degree": "MSc Marine Science",
        "graduation_month": "6",
        "graduation_year": str(next_year),
        "start_month": "10",
        "start_year": str(next_year),
        "opening": "",
        "topic": "Passive acoustic mapping",
        "statement": STATEMENT,
        "cv_page_url": "",
        "github_url": "https://github.com/example",
        "publications_url": "",
        "funding": "needs",
        "funding_details": "",
        "company_fax": "",
        "consent": "on",
        "cv": cv_file(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the form and run what the view deferred to commit (the email tasks)."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(APPLY, data, **extra)

    return post


def supervisor(name="Maren Okafor"):
    return PersonPage.objects.get(title=name)


def open_opening():
    return next(o for o in OpeningPage.objects.all() if o.is_open() and o.deadline)


def test_form_is_reachable_from_an_open_opening_and_a_supervisor(client):
    opening = open_opening()
    page = client.get(opening.url)
    assert f'href="/apply/?opening={opening.pk}"' in page.content.decode()
    person = supervisor()
    assert f'href="/apply/?supervisor={person.pk}"' in client.get(person.url).content.decode()
    assert 'href="/apply/"' in client.get("/openings/").content.decode()


def test_coming_from_an_opening_preselects_it_and_its_supervisors(client):
    opening = open_opening()
    html = client.get(f"{APPLY}?opening={opening.pk}").content.decode()
    assert re.search(rf'<option value="{opening.pk}" selected>', html)
    assert re.search(rf'value="{supervisor().pk}"[^>]*checked', html)
    # Alumni do not take students, whatever their flag says.
    assert "Daniel Oyelaran" not in html


def test_a_valid_application_is_stored_then_emailed(client, submit):
    person = supervisor()
    response = submit(valid_data(supervisors=[str(person.pk)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(email="ana@example.org")
    assert application.reference in client.get(response["Location"]).content.decode()
    assert list(application.supervisors.all()) == [person]
    assert application.cv_filename == "cv.pdf"
    assert application.cv.read().startswith(b"%PDF-")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["ana@example.org", person.email]
    to_applicant = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert application.reference in to_applicant.subject
    to_supervisor = next(m for m in mail.outbox if m.to == [person.email])
    assert to_supervisor.reply_to == ["ana@example.org"]
    assert f"/admin/applications/edit/{application.pk}/" in to_supervisor.body
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_the_cv_is_stored_outside_the_public_media_folder(client, settings, submit):
    submit(valid_data())
    path = ours().get().cv.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + ours().get().cv.name).status_code == 404


def test_without_a_chosen_supervisor_the_openings_supervisors_get_it(client, submit):
    opening = open_opening()
    submit(valid_data(opening=str(opening.pk), topic=""))
    application = ours().get()
    assert application.opening == opening and application.opening_title == opening.title
    assert list(application.supervisors.all()) == [supervisor()]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "This field is required."),
        ("name", "Ana\r\nBcc: x@example.org", "Remove the line breaks"),
        ("email", "ana-at-example", "Enter an email address like name@example.org."),
        ("institution", "", "This field is required."),
        ("degree", "x" * 201, "at most 200 characters"),
        ("graduation_month", "", "Give the month and year you expect to graduate."),
        ("graduation_year", "27", "Enter a year between"),
        ("start_year", str(datetime.date.today().year - 1), "Enter a year between"),
        ("topic", "", "Choose an opening above, or write the topic"),
        ("statement", "Too short.", "please write at least 200"),
        ("statement", "x" * 4001, "shorten it to 4,000 or fewer"),
        ("github_url", "javascript:alert(1)", "Enter a full web address"),
        ("funding", None, "Choose the option that describes your funding."),
        ("funding", "rich", "Select a valid choice."),
        ("consent", None, "Tick the box to confirm"),
        ("cv", None, "Attach your CV as a PDF file."),
    ],
)
def test_each_bad_field_gets_a_message_and_nothing_is_stored(client, field, value, message, submit):
    response = submit(valid_data(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html.replace("&#x27;", "'")
    assert 'id="form-errors"' in html and "autofocus" in html
    assert ours().count() == 0 and mail.outbox == []


def test_the_error_summary_links_to_the_field_and_the_field_describes_its_error(client, submit):
    html = submit(valid_data(email="nope")).content.decode()
    assert '<a href="#id_email">' in html
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="id_email"|<input[^>]*id="id_email"[^>]*aria-invalid="true"',
        html,
    )
    assert 'aria-describedby="id_email_help id_email_error"' in html


def test_everything_typed_is_kept_when_a_field_fails(client, submit):
    html = submit(valid_data(email="nope", funding_details="DTP scholarship")).content.decode()
    for kept in (
        "Ana Example",
        "University of Elsewhere",
        "MSc Marine Science",
        "DTP scholarship",
        "Passive acoustic mapping",
        "https://github.com/example",
        "hydrophones",
    ):
        assert kept in html
    assert re.search(r'value="needs"[^>]*checked|checked[^>]*value="needs"', html)


def test_a_cv_that_passed_stays_attached_while_another_field_is_fixed(client, submit):
    first = submit(valid_data(email="nope", cv=cv_file("My CV 2026.pdf")))
    html = first.content.decode()
    assert "Attached:</strong> My CV 2026.pdf" in html
    token = re.search(r'name="cv_token" value="([^"]+)"', html).group(1)
    second = submit(valid_data(cv=None, cv_token=token))
    assert second.status_code == 302
    application = ours().get()
    assert application.cv_filename == "My CV 2026.pdf"
    assert application.cv.read().startswith(b"%PDF-")


def test_a_tampered_cv_token_is_ignored(client, submit):
    response = submit(valid_data(cv=None, cv_token="applications/cv/other.pdf:fake"))
    assert "Attach your CV as a PDF file." in response.content.decode()


def test_a_file_renamed_to_pdf_is_refused_by_its_content(client, submit):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    html = submit(valid_data(cv=cv_file("cv.pdf", png))).content.decode()
    assert "is not a PDF file, whatever its name says" in html
    assert ours().count() == 0


def test_an_empty_file_is_refused(client, submit):
    html = submit(valid_data(cv=cv_file("cv.pdf", b""))).content.decode()
    assert "Attach your CV" in html or "is empty" in html
    assert ours().count() == 0


def test_an_oversized_cv_is_refused_while_streaming_and_the_rest_is_kept(client, settings, submit):
    settings.APPLICATION_MAX_CV_BYTES = 50_000
    big = pdf_bytes() + b"%" + b"0" * 200_000
    response = submit(valid_data(cv=cv_file("huge.pdf", big)))
    html = response.content.decode()
    assert "“huge.pdf” is larger than 49 KB" in html
    assert "University of Elsewhere" in html
    assert ours().count() == 0


def test_a_request_far_over_the_limit_is_refused_before_reading(client, settings, submit):
    settings.APPLICATION_MAX_CV_BYTES = 1000
    response = submit(valid_data(cv=cv_file("huge.pdf", b"%PDF-" + b"0" * 3_000_000)))
    assert response.status_code == 413
    assert "nothing was saved" in response.content.decode()


def test_submitted_html_is_escaped_not_reflected(client, submit):
    html = submit(valid_data(name="<script>alert(1)</script>", email="bad")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_honeypot_stops_bots_and_keeps_the_form(client, submit):
    response = submit(valid_data(company_fax="555-1234"))
    assert response.status_code == 400
    assert "Leave this field empty" in response.content.decode()
    assert ours().count() == 0


def test_a_form_sent_too_fast_is_refused(client, submit):
    response = submit(valid_data(started=sign_started()))
    assert "faster than a person can fill in the form" in response.content.decode()
    assert ours().count() == 0


def test_a_tampered_start_time_is_refused(client, submit):
    response = submit(valid_data(started="1:forged"))
    assert "This form was changed" in response.content.decode()


def test_submissions_are_rate_limited_per_address(client, settings, submit):
    settings.APPLICATION_RATE_LIMIT = (2, 3600)
    for number in range(2):
        assert submit(valid_data(email=f"a{number}@example.org")).status_code == 302
    blocked = submit(valid_data(email="a3@example.org"), REMOTE_ADDR="127.0.0.1")
    assert blocked.status_code == 429
    assert "Too many messages" in blocked.content.decode()
    assert "a3@example.org" in blocked.content.decode()  # nothing typed is lost
    assert ours().count() == 2
    other = submit(valid_data(email="b@example.org"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_typing_mistakes_do_not_use_up_the_rate_limit(client, settings, submit):
    settings.APPLICATION_RATE_LIMIT = (2, 3600)
    for _ in range(5):
        assert submit(valid_data(email="not an address", cv=None)).status_code == 400
    for number in range(2):
        assert submit(valid_data(email=f"a{number}@example.org")).status_code == 302
    assert submit(valid_data(email="a3@example.org")).status_code == 429


def test_spam_refusals_count_towards_the_rate_limit(client, settings, submit):
    settings.APPLICATION_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert submit(valid_data(company_fax="555-1234")).status_code == 400
    assert submit(valid_data()).status_code == 429
    assert ours().count() == 0


def _kept_files(settings) -> list:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_kept_cv_is_reused_not_stored_again(client, settings, submit):
    html = submit(valid_data(email="nope", cv=cv_file("cv.pdf"))).content.decode()
    token = re.search(r'name="cv_token" value="([^"]+)"', html).group(1)
    assert len(_kept_files(settings)) == 1
    # The applicant attaches the same file again on each try: still one copy.
    for _ in range(3):
        html = submit(
            valid_data(email="nope", cv=cv_file("cv.pdf"), cv_token=token)
        ).content.decode()
        token = re.search(r'name="cv_token" value="([^"]+)"', html).group(1)
    assert len(_kept_files(settings)) == 1
    # Another file replaces the kept one.
    other = pdf_bytes() + b"% another version"
    html = submit(
        valid_data(email="nope", cv=cv_file("cv2.pdf", other), cv_token=token)
    ).content.decode()
    token = re.search(r'name="cv_token" value="([^"]+)"', html).group(1)
    assert len(_kept_files(settings)) == 1
    assert submit(valid_data(cv=None, cv_token=token)).status_code == 302
    (kept,) = _kept_files(settings)
    assert kept.read_bytes() == other
    assert ours().get().cv_filename == "cv2.pdf"


def test_the_rate_limit_counts_the_client_behind_a_trusted_proxy(client, settings, submit):
    settings.APPLICATION_RATE_LIMIT = (1, 3600)
    settings.LABSITE_TRUSTED_PROXY_COUNT = 1
    first = submit(valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = submit(valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.6")
    third = submit(valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert (first.status_code, second.status_code, third.status_code) == (302, 302, 429)


def test_an_opening_that_closes_while_the_applicant_writes_still_gets_the_application(
    client, submit
):
    opening = open_opening()
    with time_machine.travel(opening.deadline - datetime.timedelta(hours=1)):
        html = client.get(f"{APPLY}?opening={opening.pk}").content.decode()
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    with time_machine.travel(opening.deadline + datetime.timedelta(minutes=5)):
        response = submit(valid_data(opening=str(opening.pk), topic="", started=started))
        assert response.status_code == 302
        confirmation = client.get(response["Location"]).content.decode()
    application = ours().get()
    assert application.arrived_after_close and application.opening == opening
    assert "The opening closed before your enquiry arrived" in confirmation
    to_applicant = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert "this opening closed before your message arrived" in to_applicant.body


def test_a_closed_opening_says_so_on_the_form(client):
    closed = next(o for o in OpeningPage.objects.all() if not o.is_open())
    html = client.get(f"{APPLY}?opening={closed.pk}").content.decode()
    assert f"“{closed.title}” closed" in html


def test_the_privacy_notice_states_the_retention_period(client):
    from wagtail.models import Site

    from people.models import ApplicationSettings

    client.get(APPLY)  # the settings are read once per content change: a change shows at once
    settings_ = ApplicationSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.retention_months = 18
    settings_.save()
    assert "18 months after they arrive" in client.get(APPLY).content.decode()


def test_the_form_page_is_never_cached(client):
    response = client.get(APPLY)
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_forged_confirmation_link_is_404(client):
    assert client.get("/apply/received/not-a-token/").status_code == 404


# What belongs to one visitor is theirs, and what the clock changes changes without an edit.


def test_each_visitor_gets_their_own_token_and_start_time_in_the_blank_form(submit):
    from django.test import Client

    def visit():
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(APPLY).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        started = re.search(r'name="started" value="([^"]+)"', html).group(1)
        return visitor, token, started

    now = timezone.now()
    with time_machine.travel(now, tick=False):
        first, first_token, first_started = visit()
    with time_machine.travel(now + datetime.timedelta(seconds=30), tick=False):
        second, second_token, second_started = visit()
    assert first_token != second_token
    # Signed as each was handed out (the signed value is the moment, in whole seconds).
    assert first_started.split(":")[0] == str(int(now.timestamp()))
    assert second_started.split(":")[0] == str(int(now.timestamp()) + 30)

    with time_machine.travel(now + datetime.timedelta(minutes=5)):
        refused = second.post(APPLY, valid_data(started=second_started))
        assert refused.status_code == 403  # a form without the visitor's own token
        for visitor, token, started, address in (
            (first, first_token, first_started, "203.0.113.7"),
            (second, second_token, second_started, "203.0.113.8"),
        ):
            data = valid_data(started=started, csrfmiddlewaretoken=token)
            response = visitor.post(APPLY, data, HTTP_X_FORWARDED_FOR=address)
            assert response.status_code == 302
    assert ours().count() == 2


def test_the_blank_form_drops_an_opening_at_its_deadline_without_an_edit(client):
    client.get(APPLY)  # a first visit may save the form's settings, which is a change
    opening = OpeningPageFactory(
        parent=OpeningPage.objects.first().get_parent(),
        title="Acoustic tags for eels",
        deadline_date=datetime.date(2027, 1, 15),
        deadline_time=datetime.time(17, 0),
    )
    offered = f'<option value="{opening.pk}">Acoustic tags for eels</option>'
    # Seconds apart: well within how long anything is kept without a change (memo.LONGEST_KEPT).
    with time_machine.travel(datetime.datetime(2027, 1, 15, 16, 59, 55, tzinfo=datetime.UTC)):
        assert offered in client.get(APPLY).content.decode()
    with time_machine.travel(datetime.datetime(2027, 1, 15, 17, 0, 5, tzinfo=datetime.UTC)):
        assert "Acoustic tags for eels" not in client.get(APPLY).content.decode()
        # Asked for by its link, the closed opening is still chosen, and says it has closed.
        html = client.get(f"{APPLY}?opening={opening.pk}").content.decode()
        assert re.search(rf'<option value="{opening.pk}" selected>', html)
        assert "“Acoustic tags for eels” closed" in html


def test_the_kept_form_follows_published_changes_and_the_calendar(client):
    person = supervisor("Maren Okafor")
    assert "Maren Okafor" in client.get(APPLY).content.decode()
    today = timezone.localdate()
    person.end_date = today
    person.save_revision().publish()
    OpeningPageFactory(
        parent=OpeningPage.objects.first().get_parent(),
        title="Seagrass acoustics",
        deadline_date=None,
        open_until_filled=True,
    )
    html = client.get(APPLY).content.decode()
    assert "Seagrass acoustics" in html and "Maren Okafor" in html  # her last day
    tomorrow = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time(12),
        tzinfo=timezone.get_current_timezone(),
    )
    with time_machine.travel(tomorrow, tick=False):
        assert "Maren Okafor" not in client.get(APPLY).content.decode()


def test_the_kept_form_is_per_language(client):
    from django.utils import translation

    with translation.override("en"):  # the request leaves its language active in this thread
        english = client.get(APPLY).content.decode()
        german = client.get("/de" + APPLY).content.decode()
    assert english != german
    assert 'lang="de"' in german and 'lang="de"' not in english


def _without_per_visitor_values(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'name="started" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def test_the_blank_forms_fields_are_rendered_once_and_stay_the_same(
    client, django_assert_max_num_queries
):
    client.get(APPLY)  # the first visit creates the site's application settings
    first = client.get(APPLY).content.decode()
    with django_assert_max_num_queries(1):  # the site; no openings, no supervisors read
        second = client.get(APPLY).content.decode()
    assert _without_per_visitor_values(first) == _without_per_visitor_values(second)
    # A preset form (from an opening's or a member's page) is rendered for its visitor.
    uncached = client.get(f"{APPLY}?supervisor={2**40}").content.decode()
    assert _without_per_visitor_values(uncached) == _without_per_visitor_values(second)
    person = supervisor()
    preset = client.get(f"{APPLY}?supervisor={person.pk}").content.decode()
    assert re.search(rf'value="{person.pk}"[^>]*checked', preset)


def test_each_visitor_of_a_kept_form_gets_their_own_token_and_start_time():
    from django.test import Client

    tokens, starts = set(), set()
    for _ in range(2):
        html = Client(enforce_csrf_checks=True).get(APPLY).content.decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
        starts.add(re.search(r'name="started" value="([^"]+)"', html).group(1))
    assert len(tokens) == 2
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(APPLY).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = valid_data(csrfmiddlewaretoken=token)
    response = visitor.post(APPLY, data)
    assert response.status_code == 302, response.content.decode()[:1000]


def test_the_kept_fields_follow_a_new_opening_its_deadline_and_a_members_last_day(client, settings):
    from people.models import OpeningIndexPage

    today = timezone.localdate()
    # Half an hour before the deadline: well within how long a fragment is kept.
    morning = timezone.make_aware(datetime.datetime.combine(today, datetime.time(11, 30)))
    with time_machine.travel(morning, tick=False):
        client.get(APPLY)
        opening = OpeningPage(
            title="Hydrophone arrays in the Baltic",
            slug="hydrophone-baltic",
            kind="phd",
            summary="Three years at sea and ashore.",
            deadline_date=today,
            deadline_time=datetime.time(12, 0),
            deadline_timezone=settings.TIME_ZONE,
        )
        OpeningIndexPage.objects.get().add_child(instance=opening)
        opening.save_revision().publish()
        person = supervisor()
        person.end_date = today  # their last day: offered until it ends
        person.save_revision().publish()
        html = client.get(APPLY).content.decode()
        assert "Hydrophone arrays in the Baltic" in html
        assert person.title in html

    # Nothing is published from here on: the clock alone changes the fields.
    with time_machine.travel(morning + datetime.timedelta(minutes=31), tick=False):
        html = client.get(APPLY).content.decode()
        assert "Hydrophone arrays in the Baltic" not in html  # its deadline passed at noon
        assert person.title in html
    with time_machine.travel(morning + datetime.timedelta(days=1), tick=False):
        assert person.title not in client.get(APPLY).content.decode()  # past their last day
