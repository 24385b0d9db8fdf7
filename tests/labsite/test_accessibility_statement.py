"""The accessibility statement: the EU model's sections, the footer link on every page, the
feedback form (kept, then emailed), the editor's checks, and the content checker's rules."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from labsite.accessibility.models import (
    AccessibilityFeedback,
    AccessibilitySettings,
    AccessibilityStatementPage,
)
from labsite.accessibility.views import FEEDBACK_LIMIT_PER_HOUR
from labsite.mail.delivery import send_due
from labsite.models import HomePage, OutboxEmail

pytestmark = pytest.mark.django_db
STATEMENT = "/accessibility/"

#: The EU model statement's sections, in its order (Implementing Decision (EU) 2018/1523).
EU_MODEL_SECTIONS = [
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
    "Feedback and contact information",
    "Enforcement procedure",
]


class Outline(HTMLParser):
    """The h1–h3 headings, and the text and links of each h2's section."""

    def __init__(self):
        super().__init__()
        self.headings, self.sections, self.links = [], {}, []
        self._heading = None
        self._section = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._heading = [tag, ""]
        if tag == "a" and self._section is not None:
            self.links.append((self._section, dict(attrs).get("href")))

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            level, text = self._heading
            self.headings.append((level, " ".join(text.split())))
            if level == "h2":
                self._section = " ".join(text.split())
                self.sections[self._section] = ""
            self._heading = None
        if tag in ("article", "footer"):
            self._section = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data
        elif self._section is not None:
            self.sections[self._section] += data


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_the_statement_has_every_section_of_the_eu_model_in_its_order(client):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    html = response.content.decode()
    page = outline(html)
    h2 = [text for level, text in page.headings if level == "h2" and text in EU_MODEL_SECTIONS]
    assert h2 == EU_MODEL_SECTIONS
    text = " ".join(html.split())
    site = Site.objects.get(is_default_site=True)
    # The introduction: who, under which law, for which site.
    assert (
        "is committed to making its website accessible, in accordance with Directive (EU) 2016/2102"
        in text
    )
    assert f"This accessibility statement applies to {site.root_url}." in text
    assert "partially compliant with EN 301 549 V3.2.1 (WCAG 2.1 level AA)" in " ".join(
        page.sections["Compliance status"].split()
    )
    # Non-accessible content, grouped by the model's reasons, with alternatives.
    h3 = [text for level, text in page.headings if level == "h3"]
    assert any(t.startswith("Non-compliance with Directive (EU) 2016/2102") for t in h3)
    assert "The content is not within the scope of the applicable legislation" in h3
    barriers = " ".join(page.sections["Non-accessible content"].split())
    assert "scanned PDFs without text" in barriers and "Accessible alternative:" in barriers
    preparation = " ".join(page.sections["Preparation of this accessibility statement"].split())
    assert "prepared on 1 September 2025" in preparation and "self-assessment" in preparation
    assert "last reviewed on 1 September 2026" in preparation
    feedback = " ".join(page.sections["Feedback and contact information"].split())
    assert "We answer within 10 working days." in feedback
    assert ("Feedback and contact information", STATEMENT + "feedback/") in page.links
    assert (
        "Enforcement procedure",
        "https://www.example.org/accessibility-complaints",
    ) in page.links


def test_a_fully_compliant_site_says_so_and_lists_no_barriers(client):
    statement = AccessibilityStatementPage.objects.get()
    statement.compliance, statement.barriers = "full", []
    statement.save_revision().publish()
    page = outline(client.get(STATEMENT).content.decode())
    assert "Non-accessible content" not in page.sections
    assert "fully compliant with EN 301 549" in page.sections["Compliance status"]


def test_every_footer_links_to_the_statement_and_none_once_it_is_gone(client):
    for address in ("/", "/people/", "/publications/", STATEMENT + "feedback/"):
        html = client.get(address).content.decode()
        footer = html[html.index("<footer") :]
        assert f'<a href="{STATEMENT}">Accessibility statement</a>' in footer, address
    AccessibilityStatementPage.objects.get().unpublish()
    html = client.get("/").content.decode()
    assert "Accessibility statement" not in html[html.index("<footer") :]


def test_feedback_is_kept_then_emailed_to_the_named_contact(client):
    settings = AccessibilitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "web-access@example.org"
    settings.save()
    response = client.post(
        STATEMENT + "feedback/",
        {
            "message": "The publication filters cannot be reached with the keyboard.",
            "where": "/publications/",
            "name": "Ana <b>Visitor</b>",
            "email": "ana@example.org",
        },
    )
    assert response.status_code == 302 and response["Location"] == STATEMENT + "feedback/sent/"
    report = AccessibilityFeedback.objects.get()
    assert report.where == "/publications/" and report.email == "ana@example.org"
    row = OutboxEmail.objects.get(purpose="accessibility.feedback")
    assert row.to == ["web-access@example.org"] and row.reply_to == ["ana@example.org"]
    send_due()
    [message] = [m for m in mail.outbox if m.to == ["web-access@example.org"]]
    assert "cannot be reached with the keyboard" in message.body
    assert "Ana <b>Visitor</b> <ana@example.org>" in message.body  # plain text, as typed
    sent = client.get(response["Location"])
    assert sent.status_code == 200 and "Thank you for your report" in sent.content.decode()


def test_the_group_address_answers_when_no_accessibility_contact_is_set(client):
    client.post(STATEMENT + "feedback/", {"message": "Low contrast on the talk cards."})
    row = OutboxEmail.objects.get(purpose="accessibility.feedback")
    assert row.to == ["tidewater-group@example.org"] and row.reply_to == []


def test_bad_feedback_is_explained_and_nothing_is_kept(client):
    response = client.post(
        STATEMENT + "feedback/", {"message": "", "email": "not an address", "where": "x" * 600}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Describe the problem, so we can fix it." in html
    assert "Enter an email address like name@example.org." in html
    assert 'href="#id_message"' in html  # the summary leads to the field
    assert not AccessibilityFeedback.objects.exists()
    # A bot filling the hidden field is thanked and ignored.
    client.post(STATEMENT + "feedback/", {"message": "spam", "homepage": "http://spam.example"})
    assert not AccessibilityFeedback.objects.exists()


def test_reports_are_throttled_per_client_address(client):
    for n in range(FEEDBACK_LIMIT_PER_HOUR):
        assert client.post(STATEMENT + "feedback/", {"message": f"report {n}"}).status_code == 302
    refused = client.post(STATEMENT + "feedback/", {"message": "one more"})
    assert refused.status_code == 429
    assert "Too many reports from your network" in refused.content.decode()
    assert AccessibilityFeedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR


def _statement_form(**fields):
    data = {
        "title": "Accessibility",
        "slug": "accessibility-2",
        "compliance": "partial",
        "barriers": streamfield([]),
        "prepared_on": "2026-01-15",
        "method": "self",
        "assessed_by": "",
        "reviewed_on": "",
        "more": streamfield([]),
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def second_home(tree):
    """A home page without a statement, on a site of its own."""
    root = HomePage.get_first_root_node()
    home = HomePage(title="Second group", slug="second-group")
    root.add_child(instance=home)
    Site.objects.create(hostname="second.example.org", root_page=home)
    return home


def test_the_editor_is_told_what_the_eu_model_still_needs(admin_client_logged_in, second_home):
    url = reverse(
        "wagtailadmin_pages:add", args=["labsite", "accessibilitystatementpage", second_home.pk]
    )
    assert admin_client_logged_in.get(url).status_code == 200
    barrier = {
        "problem": "Maps have no text alternative.",
        "reason": "burden",
        "criteria": "",
        "alternative": "",
        "fixed_by": "",
    }
    cases = [
        ({}, "Say what is not accessible and why"),
        (
            {"compliance": "full", "barriers": streamfield([("barrier", barrier)])},
            "is not fully compliant",
        ),
        ({"method": "third_party", "compliance": "full"}, "Say who assessed the site."),
        ({"compliance": "full", "reviewed_on": "2025-01-01"}, "cannot come before"),
        ({"compliance": "full"}, "set the enforcement body"),
        ({"compliance": "full"}, "Feedback has nowhere to go"),
    ]
    for fields, message in cases:
        response = admin_client_logged_in.post(url, _statement_form(**fields))
        assert response.status_code == 200, fields
        assert message in response.content.decode(), message
    assert not AccessibilityStatementPage.objects.child_of(second_home).exists()
    settings = AccessibilitySettings.for_site(second_home.get_site())
    settings.contact_email = "access@second.example.org"
    settings.enforcement_body, settings.enforcement_url = "Agency", "https://agency.example.org/"
    settings.save()
    response = admin_client_logged_in.post(
        url, _statement_form(barriers=streamfield([("barrier", barrier)]))
    )
    assert response.status_code == 302
    assert AccessibilityStatementPage.objects.child_of(second_home).get().live


def test_the_checks_panel_runs_the_extra_rules_with_advice_in_the_groups_words(
    admin_client_logged_in,
):
    statement = AccessibilityStatementPage.objects.get()
    html = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=[statement.pk])
    ).content.decode()
    found = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert found, "Wagtail's checks panel no longer prints its axe configuration"
    config = json.loads(found.group(1))
    run = config["options"]["runOnly"]
    for rule in ("image-alt", "labsite-image-description", "labsite-pdf-link", "heading-order"):
        assert rule in run
    custom = {rule["id"]: rule for rule in config["spec"]["rules"]}
    assert custom["labsite-pdf-link"]["selector"] == "main a[href$='.pdf' i]"
    assert "say 'PDF' and its size" in config["messages"]["labsite-pdf-link"]["help_text"]


def test_decorative_images_are_marked_so_the_checker_passes_them(client):
    from wagtail.images import get_image_model

    from labsite.models import StandardPage

    def shown(alt: str, decorative: bool):
        # An ImageBlock's value: the image, with the alt text and decorative choice of its use.
        image = get_image_model().objects.order_by("pk").first()
        image.contextual_alt_text, image.decorative = alt, decorative
        return image

    page = StandardPage.objects.get(slug="about")
    page.body = [
        ("image", {"image": shown("", True), "caption": ""}),
        ("image", {"image": shown("A tide gauge", False), "caption": ""}),
    ]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    imgs = re.findall(r"<img [^>]*>", html[html.index("<main") :])
    assert any('alt=""' in img and 'role="presentation"' in img for img in imgs)
    assert any('alt="A tide gauge"' in img and "role=" not in img for img in imgs)
