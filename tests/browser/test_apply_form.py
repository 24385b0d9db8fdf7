"""A prospective student finds an opening, fills the contact form in Chromium and sends it."""

import pytest
from django.core import mail

from people.models import Application, OpeningPage
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_applicant_fixes_errors_and_sends_the_form(page, live_server, settings, tmp_path):
    settings.APPLICATION_MIN_FILL_SECONDS = 0
    opening = next(o for o in OpeningPage.objects.all() if o.is_open() and o.deadline)
    cv = tmp_path / "Ana CV.pdf"
    cv.write_bytes(pdf_bytes())

    page.goto(f"{live_server.url}{opening.url}")
    page.get_by_role("link", name="Contact the supervisors").click()
    page.wait_for_url("**/apply/?opening=*")
    assert page.locator("#id_opening").input_value() == str(opening.pk)
    assert page.get_by_label("Maren Okafor").is_checked()

    page.get_by_label("Your name").fill("Ana Example")
    page.get_by_label("Email address").fill("ana-at-example")
    page.get_by_label("Current institution").fill("University of Elsewhere")
    page.get_by_role("button", name="Send").click()

    # The error summary takes focus and links to each field; what was typed is still there.
    page.wait_for_selector("#form-errors")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    page.get_by_role("link", name="Enter an email address like name@example.org.").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.get_by_label("Your name").input_value() == "Ana Example"

    page.get_by_label("Email address").fill("ana@example.org")
    page.get_by_label("Current or most recent degree").fill("MSc Marine Science")
    page.locator("#id_graduation_month").select_option("6")
    page.locator("#id_graduation_year").fill(str(opening.deadline.year + 1))
    page.locator("#id_start_month").select_option("10")
    page.locator("#id_start_year").fill(str(opening.deadline.year + 1))
    statement = (
        "I would like to map coastal sound with cheap hydrophones and learned denoisers. " * 4
    )
    page.get_by_label("Research interests").fill(statement)
    assert "of 4,000 characters" in page.locator("[data-counter-for]").inner_text()
    page.get_by_label("I need funding").check()
    page.get_by_label("CV", exact=True).set_input_files(str(cv))
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send").click()

    page.wait_for_url("**/apply/received/**")
    application = Application.objects.get(email="ana@example.org")
    assert application.reference in page.locator(".confirmation__reference").inner_text()
    assert application.opening_id == opening.pk and application.cv_filename == "Ana CV.pdf"
    assert any(application.reference in message.subject for message in mail.outbox)
