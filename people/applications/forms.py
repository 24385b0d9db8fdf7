"""The public contact form for prospective students."""

import datetime
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from labsite.form_fields import IdChoiceField, IdMultipleChoiceField
from labsite.form_rendering import RenderedWithJinja2
from people.applications.models import Application, FundingSituation, max_cv_bytes
from people.applications.uploads import human_size, looks_like_pdf

STATEMENT_MIN_CHARS = 200
STATEMENT_MAX_CHARS = 4000
STARTED_SALT = "people.application.started"
# Fields shown as part of a group, named in the error summary by the group's legend.
LEGENDS = {
    "graduation_month": _("Expected graduation"),
    "graduation_year": _("Expected graduation"),
    "start_month": _("Intended start"),
    "start_year": _("Intended start"),
}
MONTH_CHOICES = [("", _("Month"))] + [(str(number), name) for number, name in MONTHS.items()]


def sign_started(now: float | None = None) -> str:
    return signing.TimestampSigner(salt=STARTED_SALT).sign(
        str(int(now or timezone.now().timestamp()))
    )


def seconds_since_started(token: str) -> float | None:
    """How long ago the form was handed out, or None if the token is missing or tampered with."""
    try:
        value = signing.TimestampSigner(salt=STARTED_SALT).unsign(token, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        return None
    return timezone.now().timestamp() - int(value)


class HttpsURLField(forms.URLField):
    default_error_messages = {
        "invalid": _("Enter a full web address, like https://example.org/my-cv."),
    }

    def clean(self, value):
        value = super().clean(value)
        if value and not value.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class PlainTextField(forms.CharField):
    """Single-line text with control characters refused (they end up in email headers)."""

    def clean(self, value):
        value = super().clean(value)
        if any(unicodedata.category(char) == "Cc" for char in value):
            raise forms.ValidationError(
                _("Remove the line breaks or special characters from this field."), code="control"
            )
        return value


def month_year_fields(label: str, required_message: str):
    month = forms.TypedChoiceField(
        label=_("Month"),
        choices=MONTH_CHOICES,
        coerce=int,
        error_messages={"required": required_message},
    )
    year = forms.IntegerField(
        label=_("Year"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": required_message,
            "invalid": _("Enter the year as four digits, like 2027."),
        },
    )
    return month, year


class ApplicationForm(RenderedWithJinja2, forms.ModelForm):
    name = PlainTextField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send a confirmation with your reference number here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    institution = PlainTextField(
        label=_("Current institution"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    degree = PlainTextField(
        label=_("Current or most recent degree"),
        max_length=200,
        help_text=_("For example: MSc in Computer Science."),
    )
    graduation_month, graduation_year = month_year_fields(
        _("Expected graduation"), _("Give the month and year you expect to graduate.")
    )
    start_month, start_year = month_year_fields(
        _("Intended start"), _("Give the month and year you would like to start.")
    )
    opening = IdChoiceField(
        queryset=None,
        required=False,
        label=_("Opening"),
        empty_label=_("No particular opening"),
        help_text=_("Choose the advertised position you are asking about, if any."),
    )
    topic = PlainTextField(
        label=_("Topic"),
        max_length=200,
        required=False,
        help_text=_("The research topic you would like to work on, in a few words."),
    )
    supervisors = IdMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Supervisors"),
        help_text=_(
            "Whom you would like to work with. Leave all unticked if you are not sure: "
            "we pass your message to the right people."
        ),
    )
    statement = forms.CharField(
        label=_("Research interests"),
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": STATEMENT_MAX_CHARS}),
        help_text=_(
            "What you would like to research and why, and what you bring to it. "
            "Between %(min)s and %(max)s characters (roughly 40 to 650 words)."
        )
        % {"min": f"{STATEMENT_MIN_CHARS:,}", "max": f"{STATEMENT_MAX_CHARS:,}"},
    )
    cv_page_url = HttpsURLField(
        label=_("CV or personal web page"), required=False, assume_scheme="https"
    )
    github_url = HttpsURLField(
        label=_("GitHub or other code"), required=False, assume_scheme="https"
    )
    publications_url = HttpsURLField(
        label=_("Publications"),
        required=False,
        assume_scheme="https",
        help_text=_("A Google Scholar, ORCID or DBLP page, or a paper."),
    )
    funding = forms.ChoiceField(
        label=_("Funding"),
        choices=FundingSituation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the option that describes your funding.")},
    )
    funding_details = PlainTextField(
        label=_("Funding details"),
        max_length=300,
        required=False,
        help_text=_("For example the scholarship's name, or the countries you hold residency in."),
    )
    cv = forms.FileField(
        label=_("CV"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    cv_token = forms.CharField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # A field people never see: bots that fill every input give themselves away.
    company_fax = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that the group stores my application."),
        error_messages={"required": _("Tick the box to confirm you have read the privacy notice.")},
    )

    class Meta:
        model = Application
        fields = [
            "name",
            "email",
            "institution",
            "degree",
            "opening",
            "topic",
            "supervisors",
            "statement",
            "cv_page_url",
            "github_url",
            "publications_url",
            "funding",
            "funding_details",
        ]

    def __init__(self, *args, openings, supervisors, oversized=None, pending_cv=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opening"].queryset = openings
        self.fields["supervisors"].queryset = supervisors
        self.fields["cv"].help_text = _("Your CV as a PDF file of at most %(size)s.") % {
            "size": human_size(max_cv_bytes())
        }
        # Required unless a CV from an earlier attempt is still attached (checked in clean()).
        self.fields["cv"].shown_required = True
        self.oversized = oversized or {}
        self.pending_cv = pending_cv
        today = timezone.localdate()
        self.fields["graduation_year"].min_value = today.year - 30
        self.fields["graduation_year"].max_value = today.year + 8
        self.fields["start_year"].min_value = today.year
        self.fields["start_year"].max_value = today.year + 5
        for name in ("graduation_year", "start_year"):
            field = self.fields[name]
            field.widget.attrs.update({"min": field.min_value, "max": field.max_value})
            field.validators = [
                validator for validator in field.validators if not hasattr(validator, "limit_value")
            ]

    # Fields shown in groups by the template, in this order.
    applicant_fields = ("name", "email", "institution", "degree")
    subject_fields = ("opening", "topic", "supervisors")
    link_fields = ("cv_page_url", "github_url", "publications_url")

    def clean_statement(self):
        text = self.cleaned_data["statement"].strip()
        length = len(text)
        if length < STATEMENT_MIN_CHARS:
            raise forms.ValidationError(
                _(
                    "Your statement is %(length)s characters long; please write at least "
                    "%(min)s so the supervisor can judge the fit."
                ),
                params={"length": length, "min": STATEMENT_MIN_CHARS},
                code="too_short",
            )
        if length > STATEMENT_MAX_CHARS:
            raise forms.ValidationError(
                _("Your statement is %(length)s characters long; shorten it to %(max)s or fewer."),
                params={"length": f"{length:,}", "max": f"{STATEMENT_MAX_CHARS:,}"},
                code="too_long",
            )
        return text

    def _year_in_range(self, name):
        year = self.cleaned_data.get(name)
        field = self.fields[name]
        if year is not None and not field.min_value <= year <= field.max_value:
            self.add_error(
                name,
                _("Enter a year between %(min)s and %(max)s.")
                % {"min": field.min_value, "max": field.max_value},
            )
            return None
        return year

    def _month_date(self, month_name, year_name) -> datetime.date | None:
        month = self.cleaned_data.get(month_name)
        year = self._year_in_range(year_name)
        if month and year:
            return datetime.date(year, month, 1)
        return None

    def clean_cv(self):
        uploaded = self.cleaned_data.get("cv")
        if "cv" in self.oversized:
            raise forms.ValidationError(
                _(
                    "“%(name)s” is larger than %(size)s. Attach a smaller PDF: exporting it "
                    "again with compressed images usually helps."
                ),
                params={"name": self.oversized["cv"], "size": human_size(max_cv_bytes())},
                code="too_large",
            )
        if not uploaded:
            return None
        if uploaded.size == 0:
            raise forms.ValidationError(
                _("“%(name)s” is empty. Attach your CV again."),
                params={"name": uploaded.name},
                code="empty",
            )
        if uploaded.size > max_cv_bytes():
            raise forms.ValidationError(
                _("“%(name)s” is larger than %(size)s. Attach a smaller PDF."),
                params={"name": uploaded.name, "size": human_size(max_cv_bytes())},
                code="too_large",
            )
        if not looks_like_pdf(uploaded):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a PDF file, whatever its name says. Save or export your CV "
                    "as PDF and attach that."
                ),
                params={"name": uploaded.name},
                code="not_pdf",
            )
        return uploaded

    def clean(self):
        cleaned = super().clean()
        cleaned["expected_graduation"] = self._month_date("graduation_month", "graduation_year")
        start = self._month_date("start_month", "start_year")
        if start and start < timezone.localdate().replace(day=1):
            self.add_error("start_year", _("Choose a start from this month onwards."))
            start = None
        cleaned["intended_start"] = start
        if not cleaned.get("opening") and not cleaned.get("topic") and "topic" not in self.errors:
            self.add_error(
                "topic",
                _("Choose an opening above, or write the topic you would like to work on."),
            )
        if not cleaned.get("cv") and not self.pending_cv and "cv" not in self.errors:
            self.add_error("cv", _("Attach your CV as a PDF file."))
        self._check_sender(cleaned)
        return cleaned

    #: Set when a spam defence refused the form (the rate limit counts those, not typing slips).
    spam_suspected = False

    def _check_sender(self, cleaned):
        """Spam checks last, so a person who trips one also sees every field problem at once."""
        if cleaned.get("company_fax"):
            self.spam_suspected = True
            self.add_error(
                None,
                _(
                    "This form could not be sent. Clear the field labelled 'Leave this field empty'."
                ),
            )
        elapsed = seconds_since_started(cleaned.get("started") or "")
        if elapsed is None:
            self.spam_suspected = True
            self.add_error(
                None,
                _(
                    "This form was changed or is more than a week old. Check your answers and send it again."
                ),
            )
        elif elapsed < settings.APPLICATION_MIN_FILL_SECONDS:
            self.spam_suspected = True
            self.add_error(
                None,
                _(
                    "That was sent faster than a person can fill in the form. Check your answers and send it again."
                ),
            )

    def error_summary(self) -> list[tuple[str, str]]:
        """(field id or '', message) for the summary above the form, each problem once."""
        summary, seen = [], set()
        for name, errors in self.errors.items():
            for error in errors:
                if name == "__all__":
                    summary.append(("", error))
                    continue
                field = self.fields[name]
                label = LEGENDS.get(name, field.label)
                text = (
                    f"{label}: {error}" if error == field.error_messages.get("required") else error
                )
                if text in seen:
                    continue
                seen.add(text)
                summary.append((self._anchor(name), text))
        return summary

    def _anchor(self, name) -> str:
        bound = self[name]
        widget = bound.field.widget
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def save(self, commit=True):
        application = super().save(commit=False)
        application.expected_graduation = self.cleaned_data["expected_graduation"]
        application.intended_start = self.cleaned_data["intended_start"]
        opening = self.cleaned_data.get("opening")
        if opening is not None:
            application.opening_title = opening.title
        if commit:
            application.save()
            self._save_m2m()
        return application
