"""The statement page's editor form (what the EU model requires, checked before saving) and
the visitors' feedback form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from labsite.form_rendering import RenderedWithJinja2


class StatementPageForm(WagtailAdminPageForm):
    def clean(self):
        from labsite.accessibility import statement

        cleaned = super().clean()
        compliance = cleaned.get("compliance")
        barriers = cleaned.get("barriers")
        if compliance == "full" and barriers:
            self.add_error(
                "compliance",
                _(
                    "A site with barriers listed below is not fully compliant: choose "
                    "'Partially compliant', or remove the barriers you have fixed."
                ),
            )
        if compliance in ("partial", "none") and not barriers:
            self.add_error(
                "barriers",
                _(
                    "Say what is not accessible and why: the EU model statement asks for it "
                    "when a site is not fully compliant."
                ),
            )
        if cleaned.get("method") == "third_party" and not cleaned.get("assessed_by"):
            self.add_error("assessed_by", _("Say who assessed the site."))
        prepared, reviewed = cleaned.get("prepared_on"), cleaned.get("reviewed_on")
        if prepared and reviewed and reviewed < prepared:
            self.add_error(
                "reviewed_on", _("The last review cannot come before the statement was prepared.")
            )
        site = self.parent_page.get_site() if self.parent_page else None
        if site is not None:
            for problem in statement.missing_settings(site):
                self.add_error(None, problem)
        return cleaned


class FeedbackForm(RenderedWithJinja2, forms.Form):
    message = forms.CharField(
        label=_("What did you find hard to use?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe what you tried to do and what happened."),
        error_messages={"required": _("Describe the problem, so we can fix it.")},
    )
    where = forms.CharField(
        label=_("On which page or document?"),
        max_length=500,
        required=False,
        help_text=_("Its address or title, if you know it."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        required=False,
        help_text=_("Only if you would like an answer."),
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    # Left empty by people; bots that fill every field are ignored.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
