from django import forms
from django.utils.translation import gettext_lazy as _

from research.publications.models import PublicationStatus

MAX_BIBTEX_BYTES = 5 * 1024 * 1024


class BibtexUploadForm(forms.Form):
    file = forms.FileField(
        label=_("BibTeX file"),
        required=False,
        help_text=_("A .bib file exported from Zotero, Mendeley, EndNote, JabRef..."),
    )
    text = forms.CharField(
        label=_("…or paste BibTeX"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One or more entries."),
    )
    status = forms.ChoiceField(
        label=_("Status for all entries"),
        required=False,
        choices=[("", _("Read it from each entry"))] + PublicationStatus.choices,
        help_text=_("Entries without a status hint are 'Published'."),
    )
    as_drafts = forms.BooleanField(
        label=_("Save them as drafts"),
        required=False,
        help_text=_(
            "Nothing appears on the site until you publish each one, after checking it. "
            "Leave unticked to publish them at once."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text", "").strip()
        if upload and text:
            raise forms.ValidationError(_("Choose a file or paste text, not both."))
        if not upload and not text:
            raise forms.ValidationError(_("Choose a .bib file or paste some BibTeX."))
        if upload:
            if upload.size > MAX_BIBTEX_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than 5 MB. Split it into smaller files.")
                )
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("cp1252")
                except UnicodeDecodeError:
                    raise forms.ValidationError(
                        _(
                            "The file is not text in UTF-8. Export it again as UTF-8 from your reference manager."
                        )
                    ) from None
        cleaned["bibtex"] = text
        return cleaned


class IdentifierForm(forms.Form):
    identifier = forms.CharField(
        label=_("DOI, arXiv ID or software repository"),
        max_length=300,
        help_text=_(
            "e.g. 10.1038/nphys1170 (a paper), 10.5281/zenodo.48440 (a dataset or software with a "
            "DOI), 2106.10771 (arXiv) or https://github.com/owner/name (software: its Software "
            "Heritage archive is looked up)"
        ),
    )
