"""Forms for subscribing and managing subscriptions: one choice per list (no, daily, weekly)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labsite.form_rendering import RenderedWithJinja2
from labsite.subscriptions import lists as subscriptions
from labsite.subscriptions.models import Frequency


class ListChoicesForm(RenderedWithJinja2, forms.Form):
    """A radio group per registered list; ``choices()`` gives {list key: frequency} chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for digest_list in subscriptions.lists():
            options = [("", _("No thanks"))] + [
                (value, label)
                for value, label in Frequency.choices
                if value in digest_list.frequencies
            ]
            self.fields[f"list_{digest_list.key}"] = forms.ChoiceField(
                label=digest_list.label,
                help_text=digest_list.description,
                choices=options,
                required=False,
                widget=forms.RadioSelect,
            )

    def list_fields(self):
        return [self[name] for name in self.fields if name.startswith("list_")]

    def choices(self) -> dict[str, str]:
        return {
            name.removeprefix("list_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("list_") and value
        }


class SubscribeForm(ListChoicesForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send a link to this address; you are subscribed once you open it."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    # Left empty by people; bots that fill every field are ignored.
    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email"]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.choices():
            raise forms.ValidationError(
                _("Choose at least one list below (daily or weekly), then subscribe."),
                code="no_list",
            )
        return cleaned

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
