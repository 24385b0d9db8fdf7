"""Admin views: import BibTeX (upload or paste, preview, choose, import) and add by DOI or arXiv ID."""

import dataclasses

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from people.profiles.member_permissions import member_person_id
from research.publications.bibtex import (
    AuthorDraft,
    BibtexError,
    EntryDraft,
    mark_duplicates,
    match_members,
)
from research.publications.forms import BibtexUploadForm, IdentifierForm
from research.publications.importer import import_drafts
from research.publications.metadata import MetadataError, fetch
from research.publications.models import PublicationStatus
from research.publications.services import (
    NoPublicationIndex,
    default_index_page,
    import_bibtex,
    only_own_papers,
    preview_bibtex,
)

SIGNING_SALT = "research.add-by-identifier"


@dataclasses.dataclass
class Importer:
    """Where the request's user imports to, and as whom: an editor publishes; a member (who may
    only add drafts) brings in papers naming their own page, each sent for review."""

    index: object
    member: int | None = None

    @property
    def for_review(self) -> bool:
        return self.member is not None


def importer_for(user) -> Importer | None:
    """None when ``user`` may not add publications at all (the menu hides the entries then)."""
    try:
        index = default_index_page()
    except NoPublicationIndex:
        return None
    permissions = index.permissions_for_user(user)
    if not permissions.can_add_subpage():
        return None
    if permissions.can_publish_subpage():
        return Importer(index)
    member = member_person_id(user)
    return Importer(index, member) if member is not None else None


def _importer_for(request) -> Importer | None:
    try:
        default_index_page()
    except NoPublicationIndex as error:
        messages.error(request, str(error))
        return None
    importer = importer_for(request.user)
    if importer is None:
        raise PermissionDenied
    return importer


def import_bibtex_view(request):
    importer = _importer_for(request)
    if importer is None:
        return redirect("wagtailadmin_home")
    index = importer.index
    context = {"index_page": index, "for_review": importer.for_review}
    if request.method == "POST" and request.POST.get("action") == "import":
        text = request.POST.get("bibtex", "")
        selected = request.POST.getlist("entry")
        if not selected:
            messages.error(request, _("Tick at least one entry to import."))
        else:
            try:
                result = import_bibtex(
                    text,
                    index,
                    selected_keys=selected,
                    status=request.POST.get("status") or None,
                    owner=request.user,
                    member=importer.member,
                    as_drafts=request.POST.get("as_drafts") == "1",
                )
            except BibtexError as error:
                messages.error(request, str(error))
                return redirect("research_import_bibtex")
            context.update({"result": result, "as_drafts": request.POST.get("as_drafts") == "1"})
            return TemplateResponse(request, "research/admin/import_result.html", context)
    form = BibtexUploadForm(request.POST or None, request.FILES or None)
    if importer.for_review:
        del form.fields["as_drafts"]  # a member's papers go to review as drafts anyway
    if request.method == "POST" and form.is_valid():
        try:
            drafts = preview_bibtex(form.cleaned_data["bibtex"], index, member=importer.member)
        except BibtexError as error:
            form.add_error(None, str(error))
        else:
            context.update(
                {
                    "drafts": drafts,
                    "bibtex": form.cleaned_data["bibtex"],
                    "status": form.cleaned_data.get("status", ""),
                    "as_drafts": form.cleaned_data.get("as_drafts", False),
                    "counts": {
                        s: sum(d.state == s for d in drafts) for s in ("new", "duplicate", "error")
                    },
                }
            )
            return TemplateResponse(request, "research/admin/import_preview.html", context)
    context["form"] = form
    return TemplateResponse(request, "research/admin/import_form.html", context)


def _sign(draft: EntryDraft) -> str:
    return signing.dumps(dataclasses.asdict(draft), salt=SIGNING_SALT, compress=True)


def _unsign(token: str) -> EntryDraft:
    data = signing.loads(token, salt=SIGNING_SALT, max_age=3600)
    data["authors"] = [AuthorDraft(**a) for a in data["authors"]]
    data["links"] = [tuple(link) for link in data["links"]]
    data["duplicate_of"] = tuple(data["duplicate_of"]) if data["duplicate_of"] else None
    data["version_of"] = tuple(data["version_of"]) if data.get("version_of") else None
    return EntryDraft(**data)


def add_by_identifier_view(request):
    importer = _importer_for(request)
    if importer is None:
        return redirect("wagtailadmin_home")
    index = importer.index
    if request.method == "POST" and request.POST.get("action") == "create":
        try:
            draft = _unsign(request.POST.get("draft", ""))
        except signing.BadSignature:
            messages.error(
                request, _("That confirmation expired or was changed. Fetch the publication again.")
            )
            return redirect("research_add_by_identifier")
        if importer.for_review:
            only_own_papers([draft], importer.member)
        result = import_drafts(
            [draft],
            index,
            status=request.POST.get("status") or None,
            owner=request.user,
            for_review=importer.for_review,
            as_drafts=request.POST.get("as_drafts") == "1",
        )
        if result.created:
            page = result.created[0]
            if not importer.for_review and not page.live:
                message = _(
                    "'%(title)s' was saved as a draft. Check it, add links, themes or a lay "
                    "summary, then publish it."
                )
            elif importer.for_review:
                message = _(
                    "'%(title)s' was added and sent to a site editor for review. You can still "
                    "add links, themes or a lay summary; it goes live once approved."
                )
            else:
                message = _(
                    "'%(title)s' was added. Check it and add links, themes or a lay summary."
                )
            messages.success(request, message % {"title": page.title})
            return redirect("wagtailadmin_pages:edit", page.pk)
        reason = (result.skipped or result.failed)[0][1]
        messages.error(request, _("Nothing was added: %(reason)s.") % {"reason": reason})
        return redirect("research_add_by_identifier")

    form = IdentifierForm(request.POST or None)
    context = {"form": form, "index_page": index, "for_review": importer.for_review}
    if request.method == "POST" and form.is_valid():
        try:
            draft = fetch(form.cleaned_data["identifier"])
        except MetadataError as error:
            form.add_error("identifier", str(error))
        else:
            match_members([draft])
            mark_duplicates([draft], index)
            if importer.for_review:
                only_own_papers([draft], importer.member)
            context.update({"draft": draft, "token": _sign(draft), "statuses": _status_choices()})
            return TemplateResponse(request, "research/admin/identifier_confirm.html", context)
    return TemplateResponse(request, "research/admin/identifier_form.html", context)


def _status_choices():

    return PublicationStatus.choices


def admin_urls():

    return [
        path("publications/import-bibtex/", import_bibtex_view, name="research_import_bibtex"),
        path(
            "publications/add-by-identifier/",
            add_by_identifier_view,
            name="research_add_by_identifier",
        ),
    ]
