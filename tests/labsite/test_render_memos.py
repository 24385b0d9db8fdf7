"""What a page keeps between requests without a page cache: list entries rendered once per
version of their record (``{% record_fragment %}``), each image's ``<picture>`` markup, and the
filter forms' ``<select>`` written out directly. None of it may ever show something old."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django import forms
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.models import Site

from labsite.form_fields import (
    QuickCheckboxes,
    QuickDateInput,
    QuickEmailInput,
    QuickFileInput,
    QuickHiddenInput,
    QuickNumberInput,
    QuickRadios,
    QuickSelect,
    QuickTextarea,
    QuickTextInput,
)
from labsite.renditions import pictures
from labsite.templatetags.fragment_tags import fragment_key
from research.publications.models import PublicationPage
from tests.factories import PersonPageFactory, PublicationAuthorFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db


def published(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def entry(html: str, title_words: str) -> str:
    """The text of the list entry whose title has ``title_words`` ("" if none)."""
    for item in BeautifulSoup(html, "html.parser").select("li.publication"):
        if title_words in item.get_text():
            return item.get_text(" ", strip=True)
    return ""


@pytest.fixture
def paper(tree):
    member = published(PersonPageFactory(parent=tree.people, title="Ines Marlowe"))
    paper = published(
        PublicationPageFactory(parent=tree.publications, title="Tides of the inner fjord")
    )
    PublicationAuthorFactory(page=paper, person=member, name="")
    return PublicationPage.objects.get(pk=paper.pk), member


def test_the_lists_read_each_entry_from_the_store_once_it_is_rendered(tree, paper):
    paper, _member = paper
    client = Client()
    assert "Tides of the inner fjord" in client.get(tree.publications.url).content.decode()
    request = RequestFactory().get(tree.publications.url)
    request._wagtail_site = tree.home.get_site()
    key = fragment_key(paper, request)
    assert "Tides of the inner fjord" in caches["template_fragments"].get(key)

    # What the store holds is what the list prints: proof that it is read, not rendered again.
    caches["template_fragments"].set(key, "<li>stored entry</li>")
    assert "<li>stored entry</li>" in client.get(tree.publications.url).content.decode()


def test_a_published_change_shows_in_every_list_at_once(tree, paper):
    paper, member = paper
    client = Client()
    for url in (tree.publications.url, member.url):
        assert entry(client.get(url).content.decode(), "inner fjord"), url

    paper.title = "Tides of the outer fjord"
    paper.venue = "Annals of Coastal Waters"
    published(paper)
    for url in (tree.publications.url, member.url):
        html = client.get(url).content.decode()
        assert "Annals of Coastal Waters" in entry(html, "outer fjord"), url
        assert not entry(html, "inner fjord"), url


def test_a_renamed_member_is_renamed_in_the_entries_that_credit_them(tree, paper):
    paper, member = paper
    client = Client()
    for url in (tree.publications.url, member.url):
        listed = entry(client.get(url).content.decode(), "inner fjord")
        assert "Ines Marlowe" in listed and "Quist" not in listed, url

    member.title = "Ines Marlowe-Quist"
    member = published(member)  # the credits are rebuilt, the paper is not published again
    for url in (tree.publications.url, member.url):
        assert "Ines Marlowe-Quist" in entry(client.get(url).content.decode(), "inner fjord"), url


def test_each_site_and_language_has_its_own_entries(tree, paper):
    paper, _member = paper
    request = RequestFactory().get("/")
    request._wagtail_site = tree.home.get_site()
    keys = set()
    for language in ("en-gb", "de"):
        with translation.override(language):
            keys.add(fragment_key(paper, request))
            keys.add(fragment_key(paper, None))
            keys.add(fragment_key(paper, request, ["an alumnus"]))
    assert len(keys) == 6


def test_a_picture_is_looked_up_once_and_again_when_its_focal_point_moves(
    django_assert_num_queries,
):
    image = wagtail_factories.ImageFactory()
    first = pictures.picture(image, "card", {"alt": "A reef"})
    assert first.startswith("<picture>") and 'alt="A reef"' in first
    with django_assert_num_queries(0):
        assert pictures.picture(image, "card", {"alt": "A reef"}) == first

    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    moved = pictures.picture(image, "card", {"alt": "A reef"})
    assert moved != first
    assert pictures.picture(image, "card", {"alt": "Another reef"}) != moved


class _Choices(forms.Form):
    year = forms.ChoiceField(
        required=False,
        choices=[("", "Any year"), ("2024", "2024"), ("2023", '<b>"23</b>')],
    )
    site = forms.ModelChoiceField(queryset=Site.objects.order_by("pk"), empty_label="Any site")
    period = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any time"),
            ("week", "In the past week"),
            ("In a month", [("2026-10", "October 2026"), ("2026-09", "September & <2026>")]),
        ],
    )


def test_a_quick_select_is_djangos_markup_written_out():
    """As Django writes it (less the line breaks): a plain choice, a required choice of
    records, choices in a group, each unchosen and chosen."""
    site = Site.objects.first()
    for data in ({}, {"year": "2023", "site": str(site.pk), "period": "2026-09"}):
        for name in ("year", "site", "period"):
            django_markup = _Choices(data)[name].as_widget()
            fast = _Choices(data)
            fast.fields[name].widget = QuickSelect(choices=fast.fields[name].choices)
            ours = fast[name].as_widget()
            assert ours == "".join(line.strip() for line in django_markup.splitlines())
    assert "&lt;b&gt;&quot;23&lt;/b&gt;" in _render_quick(data, "year")
    assert '<option value="2023" selected>' in _render_quick(data, "year")
    assert f'<option value="{site.pk}" selected>' in _render_quick(data, "site")
    assert 'required id="id_site"' in _render_quick(data, "site")
    assert (
        '<optgroup label="In a month"><option value="2026-10">October 2026</option>'
        '<option value="2026-09" selected>September &amp; &lt;2026&gt;</option></optgroup>'
    ) in _render_quick(data, "period")


def _render_quick(data, name):
    form = _Choices(data)
    form.fields[name].widget = QuickSelect(choices=form.fields[name].choices)
    return form[name].as_widget()


class _Inputs(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    day = forms.DateField(required=False)


def test_quick_inputs_are_djangos_markup_written_out():
    for data in ({}, {"q": 'reef "noise" <b>', "day": "2026-11-02"}, {"day": "not a day"}):
        for name, quick in (("q", QuickTextInput), ("day", QuickDateInput)):
            django_markup = _Inputs(data)[name].as_widget()
            fast = _Inputs(data)
            fast.fields[name].widget = quick(attrs=fast.fields[name].widget.attrs)
            assert fast[name].as_widget() == django_markup
    typed = _Inputs({"q": 'reef "noise" <b>'})
    typed.fields["q"].widget = QuickTextInput(attrs=typed.fields["q"].widget.attrs)
    assert 'value="reef &quot;noise&quot; &lt;b&gt;"' in typed["q"].as_widget()


class _MoreInputs(forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    year = forms.IntegerField(
        required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900})
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 12, "maxlength": 9000}))
    cv = forms.FileField(
        required=False, widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})
    )


QUICK = {
    "email": QuickEmailInput,
    "year": QuickNumberInput,
    "token": QuickHiddenInput,
    "statement": QuickTextarea,
    "cv": QuickFileInput,
}


def test_every_quick_widget_is_djangos_markup_written_out():
    """Empty, filled with markup and quotes, and after errors, with the attributes the public
    forms add ({% field_input %}: required, aria-describedby, aria-invalid)."""
    filled = {
        "email": 'x"@<b>.org',
        "year": "19<99",
        "token": '"><script>',
        "statement": 'Line one\n<b>bold</b> & "quoted"',
    }
    extra = {"required": True, "aria-describedby": "id_x_help", "aria-invalid": "true"}
    for data in (None, {}, filled, {"statement": "", "year": ""}):
        for name, quick in QUICK.items():
            for attrs in ({}, extra):
                django_form = _MoreInputs(data)
                fast = _MoreInputs(data)
                fast.fields[name].widget = quick(attrs=fast.fields[name].widget.attrs)
                assert fast[name].as_widget(attrs=dict(attrs)) == django_form[name].as_widget(
                    attrs=dict(attrs)
                ), (name, data, attrs)
    typed = _MoreInputs(filled)
    typed.fields["statement"].widget = QuickTextarea(attrs={"rows": 12})
    assert (
        "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</textarea>"
        in typed["statement"].as_widget()
    )


def test_a_kept_file_is_shown_by_djangos_own_template():
    from django.core.files.uploadedfile import SimpleUploadedFile

    kept = SimpleUploadedFile("cv.pdf", b"%PDF-1.4")
    kept.url = "/media/cv.pdf"
    form = _MoreInputs(initial={"cv": kept})
    form.fields["cv"].widget = QuickFileInput()
    assert 'href="/media/cv.pdf"' in form["cv"].as_widget()


class _Options(forms.Form):
    sites = forms.ModelMultipleChoiceField(
        queryset=Site.objects.order_by("pk"), required=False, widget=forms.CheckboxSelectMultiple
    )
    funding = forms.ChoiceField(
        choices=[("funded", "Funded"), ("own", 'My own "<money>"')], widget=forms.RadioSelect
    )


def test_quick_options_are_djangos_markup_written_out():
    """Each option's tag as the forms print it (``{% for choice in field %}{{ choice.tag }}``),
    ticked or not, after an error too; the labelled option and the whole widget are Django's."""
    site = Site.objects.first()
    for data in ({}, {"sites": [str(site.pk)], "funding": "own"}, {"funding": "other"}):
        for name, quick in (("sites", QuickCheckboxes), ("funding", QuickRadios)):
            django_field = _Options(data)
            django_field.is_valid()
            fast = _Options(data)
            fast.fields[name].widget = quick(choices=fast.fields[name].choices)
            fast.is_valid()
            theirs, ours = list(django_field[name]), list(fast[name])
            assert [c.tag() for c in ours] == [c.tag() for c in theirs]
            assert [c.tag(wrap_label=True) for c in ours] == [
                c.tag(wrap_label=True) for c in theirs
            ]
            assert str(fast[name]) == str(django_field[name])
    ticked = _Options({"sites": [str(site.pk)], "funding": "own"})
    ticked.fields["funding"].widget = QuickRadios(choices=ticked.fields["funding"].choices)
    tags = [choice.tag() for choice in ticked["funding"]]
    assert tags[1] == (
        '<input type="radio" name="funding" value="own" id="id_funding_1" required checked>'
    )
