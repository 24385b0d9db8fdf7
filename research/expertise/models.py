"""The page where a visitor or an editor finds the right person for a topic."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labsite.models.pages import IndexPage
from research.expertise.services import LONGEST_QUERY, find, linked_pages


class ExpertiseForm(forms.Form):
    text = forms.CharField(
        label=_("An abstract, a funding call or a few keywords"),
        max_length=LONGEST_QUERY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paste the text; the people whose papers match it best come first."),
    )


class ExpertiseFinderPage(IndexPage):
    """Lists nothing of its own: it answers the text sent to it (a GET form, so an answer can
    be linked to, and the page reads without JavaScript)."""

    subpage_types = []
    template = "research/expertise_finder_page.html"

    class Meta:
        verbose_name = _("find-an-expert page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Bound only when a text was sent: other parameters (a campaign's utm_…) show the form.
        form = ExpertiseForm(request.GET if "text" in request.GET else None)
        context["form"] = form
        if form.is_bound and form.is_valid():
            matches, papers = find(form.cleaned_data["text"])
            shown = papers[:10]
            pages = linked_pages(
                [m.person for m in matches]
                + [p.document.pk for p in shown]
                + [p.document.pk for m in matches for p in m.papers]
            )
            context["people"] = [
                (pages[match.person], [(pages[p.document.pk], p) for p in match.papers
                                       if p.document.pk in pages])
                for match in matches
                if match.person in pages
            ]  # fmt: skip
            context["papers"] = [(pages[p.document.pk], p) for p in shown if p.document.pk in pages]
            context["asked"] = True
        return context
