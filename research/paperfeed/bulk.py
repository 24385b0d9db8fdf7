"""Add many papers at once: paste DOIs, arXiv IDs or addresses, one per line, see what each
resolves to, then add them all (each with the member's recommendation, as "Share a paper" does).

The preview fetches each line once and signs what it found into the confirmation form, so
adding fetches nothing again and a changed form is refused.
"""

import dataclasses
import datetime

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from research.paperfeed.services import NoPaperFeed, default_feed, find_existing, share
from research.paperfeed.sources import PaperDraft, classify, fetch_paper
from research.publications.metadata import MetadataError

MAX_LINES = 50
SALT = "research.paperfeed.bulk"


class BulkForm(forms.Form):
    lines = forms.CharField(
        label=gettext_lazy("DOIs, arXiv IDs or addresses, one per line"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "e.g. 10.1038/nphys1170, 2106.10771 or https://arxiv.org/abs/2106.10771; "
            "at most 50 lines. You will see what each one is before anything is added."
        ),
    )

    def clean_lines(self):
        lines = [line.strip() for line in self.cleaned_data["lines"].splitlines() if line.strip()]
        if not lines:
            raise ValidationError(_("Paste at least one DOI, arXiv ID or address."))
        if len(lines) > MAX_LINES:
            raise ValidationError(
                _("That is %(n)d lines; add at most %(max)d at a time.")
                % {"n": len(lines), "max": MAX_LINES}
            )
        return lines


@dataclasses.dataclass
class Row:
    line: int
    text: str
    draft: PaperDraft | None = None
    already: str = ""
    problem: str = ""


def resolve(feed, lines: list[str]) -> list[Row]:
    rows, seen = [], set()
    for number, text in enumerate(lines, start=1):
        row = Row(number, text)
        rows.append(row)
        try:
            kind, value = classify(text)
        except ValidationError as error:
            row.problem = error.messages[0]
            continue
        if (kind, value) in seen:
            row.problem = _("the same paper as an earlier line")
            continue
        seen.add((kind, value))
        field = {"doi": "doi", "arxiv": "arxiv_id", "url": "url"}[kind]
        known = find_existing(feed, **{field: value})
        if known is not None:
            row.already = known.title
            continue
        try:
            row.draft = fetch_paper(value)
        except MetadataError as error:
            row.problem = str(error)
    return rows


def _sign(drafts: list[PaperDraft]) -> str:
    data = [dataclasses.asdict(d) | {"published": d.published and d.published.isoformat()}
            for d in drafts]  # fmt: skip
    return signing.dumps(data, salt=SALT, compress=True)


def _unsign(token: str) -> list[PaperDraft]:
    drafts = []
    for item in signing.loads(token, salt=SALT, max_age=3600):
        if item.get("published"):
            item["published"] = datetime.date.fromisoformat(item["published"])
        drafts.append(PaperDraft(**item))
    return drafts


def bulk_add_view(request):
    if not request.user.has_perm("research.add_feedpaper"):
        return HttpResponseForbidden(_("You may not share papers."))
    try:
        feed = default_feed(getattr(request, "site", None))
    except NoPaperFeed as error:
        messages.error(request, str(error))
        return redirect("wagtailadmin_home")
    if request.method == "POST" and request.POST.get("action") == "add":
        try:
            drafts = _unsign(request.POST.get("found", ""))
        except (signing.BadSignature, TypeError, ValueError):
            messages.error(request, _("That preview expired or was changed. Paste the list again."))
            return redirect("feed_papers:bulk")
        added = sum(share(feed, draft, request.user).created for draft in drafts)
        messages.success(
            request,
            _("%(added)d paper(s) added to %(feed)s; %(rest)d were there already.")
            % {"added": added, "feed": feed.title, "rest": len(drafts) - added},
        )
        return redirect(feed.url)
    form = BulkForm(request.POST or None)
    context = {"form": form, "feed": feed}
    if request.method == "POST" and form.is_valid():
        rows = resolve(feed, form.cleaned_data["lines"])
        found = [row.draft for row in rows if row.draft is not None]
        context.update({"rows": rows, "found": _sign(found) if found else "", "count": len(found)})
    return TemplateResponse(request, "research/admin/bulk_add_papers.html", context)
