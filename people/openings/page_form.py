"""The opening editor's form: an opening is not published without a way to apply."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class OpeningPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        # Drafts may be incomplete; a published opening must tell applicants where to go.
        if "action-publish" not in self.data:
            return cleaned
        supervisors = self.formsets.get("supervisors")
        named = (
            supervisors is not None
            and supervisors.is_valid()
            and any(
                form.cleaned_data.get("person") or form.cleaned_data.get("external")
                for form in supervisors.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            )
        )
        elsewhere = (
            cleaned.get("application_url")
            or strip_tags(str(cleaned.get("how_to_apply") or "")).strip()
        )
        if not named and not elsewhere:
            self.add_error(
                "application_url",
                _(
                    "Applicants would have no way to apply: add a supervisor (applicants then "
                    "write to them through the site's form), or give the address where they "
                    "apply or say how. You can save a draft without it."
                ),
            )
        return cleaned
