"""The publication editor's form: one box that turns a pasted author list into author rows.

Imported by the models module, so it imports the models (and the parser, which reads them)
only inside its methods.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PublicationPageForm(WagtailAdminPageForm):
    """The publication editor, with one box that turns a pasted author list into author rows."""

    paste_authors = forms.CharField(
        label=_("Paste the author list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Optional: paste all authors at once, e.g. 'A. Smith, B. Jones and C. Lee', "
            "'Smith, A. and Jones, B.' as in BibTeX, or one name per line. They replace the "
            "authors below when you save; members of the group are linked by name. Add * after "
            "a name for equal contribution, † for the corresponding author."
        ),
    )

    def __init__(self, data=None, *args, **kwargs):
        pasting = data is not None and data.get("paste_authors", "").strip()
        if pasting:
            # The pasted names replace the rows: mark every row deleted before the formset reads
            # them, so an empty row is not refused and the list may start empty.
            data = data.copy()
            total = data.get("authors-TOTAL_FORMS", "0")
            for n in range(min(int(total), 1000) if total.isdigit() else 0):
                data[f"authors-{n}-DELETE"] = "1"
        super().__init__(data, *args, **kwargs)
        if pasting:
            self.formsets["authors"].validate_min = False

    def clean_paste_authors(self):
        from research.publications.author_paste import AuthorListError, parse_author_list

        text = self.cleaned_data.get("paste_authors", "")
        try:
            self.pasted_authors = parse_author_list(text)
        except AuthorListError as error:
            raise forms.ValidationError(str(error)) from None
        return text

    def save(self, commit=True):
        from research.publications.importer import author_rows

        page = super().save(commit=False)
        pasted = getattr(self, "pasted_authors", [])
        if pasted:
            page.authors = author_rows(pasted)
        if commit:
            page.save()
            self.save_m2m()
        return page
