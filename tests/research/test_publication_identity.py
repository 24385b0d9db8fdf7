"""One set of identity rules for every import (research.publications.identity; issue 39,
finding 5): DOI, then arXiv ID, then title + year + first author; a shared DOI under another
title is reported, never merged; a preprint and its article are two works, linked."""

import pytest

from research.publications import bibtex
from research.publications.importer import import_drafts
from research.publications.models import PublicationPage, RelationKind

pytestmark = pytest.mark.django_db


def _import(text, tree):
    drafts = bibtex.parse(text)
    bibtex.mark_duplicates(drafts, tree.publications)
    return drafts, import_drafts(drafts, tree.publications)


ARTICLE_AND_PREPRINT = """
@article{journal, title={Deep sea mixing}, author={Roe, Jane and Li, Bo}, year={2021},
  journal={Nature}, doi={10.1038/s41586-021-00001-1}}
@misc{preprint, title={Deep sea mixing}, author={Roe, Jane and Li, Bo}, year={2021},
  doi={10.1101/2021.01.01.000001}, howpublished={bioRxiv}}
"""


def test_an_article_and_its_preprint_are_two_works_linked_as_versions(tree):
    drafts, result = _import(ARTICLE_AND_PREPRINT, tree)
    assert len(result.created) == 2, [d.duplicate_reason for d in drafts]
    journal = PublicationPage.objects.get(doi="10.1038/s41586-021-00001-1")
    preprint = PublicationPage.objects.get(doi="10.1101/2021.01.01.000001")
    kinds = {(r.page_id, r.related_id, r.kind) for r in journal.relations.all()}
    kinds |= {(r.page_id, r.related_id, r.kind) for r in preprint.relations.all()}
    assert (journal.pk, preprint.pk, RelationKind.PREPRINT_VERSION) in kinds
    assert (preprint.pk, journal.pk, RelationKind.PUBLISHED_VERSION) in kinds
    # The links are in the pages' revisions, so an editor's next save keeps them.
    revision = journal.get_latest_revision_as_object()
    assert [r.related_id for r in revision.relations.all()] == [preprint.pk]


def test_the_preprint_arriving_after_its_article_links_to_it(tree):
    journal, preprint = ARTICLE_AND_PREPRINT.strip().split("\n@")
    _import(journal, tree)
    drafts, result = _import("@" + preprint, tree)
    assert len(result.created) == 1
    page = result.created[0]
    assert page.relations.get().kind == RelationKind.PUBLISHED_VERSION


COPIED_DOI = """
@article{a, title={Ocean heat uptake}, author={Roe, Jane}, year={2019}, doi={10.5194/os-15-1-2019}}
@article{b, title={Sea ice in a warming Arctic}, author={Roe, Jane}, year={2020}, doi={10.5194/os-15-1-2019}}
@article{c, title={Tides and mixing}, author={Roe, Jane}, year={2021}, doi={10.5194/os-15-1-2019}}
"""


def test_a_doi_copied_onto_other_papers_is_reported_not_merged(tree):
    before = PublicationPage.objects.count()
    drafts, result = _import(COPIED_DOI, tree)
    assert len(result.created) == 3
    assert PublicationPage.objects.filter(doi="10.5194/os-15-1-2019").count() == 1
    flagged = [
        d for d in drafts if any("check which paper the DOI belongs to" in n for n in d.notices)
    ]
    assert [d.key for d in flagged] == ["b", "c"]
    # A second import adds nothing and merges nothing.
    drafts, result = _import(COPIED_DOI, tree)
    assert not result.created
    assert PublicationPage.objects.count() == before + 3


@pytest.mark.parametrize(
    ("text", "works"),
    [
        # The same DOI, written two ways, under the same title: one work.
        (
            "@article{a, title={T one}, author={X, A}, year=2020, doi={10.1/abc}}\n"
            "@article{b, title={T one.}, author={X, A}, year=2020, doi={https://doi.org/10.1/ABC}}",
            1,
        ),
        # arXiv versions are one work.
        (
            "@misc{a, title={T}, author={X, A}, year=2020, eprint={2101.00001v1}, archiveprefix={arXiv}}\n"
            "@misc{b, title={T (v2)}, author={X, A}, year=2020, eprint={2101.00001v2}, archiveprefix={arXiv}}",
            1,
        ),
        # Same title and year, other first author, no identifiers: two works.
        (
            "@article{a, title={Introduction}, author={Roe, Jane}, year=2020}\n"
            "@article{b, title={Introduction}, author={Li, Bo}, year=2020}",
            2,
        ),
        # Same title, year and first author, no identifiers: one work.
        (
            "@article{a, title={On mixing}, author={Roe, Jane}, year=2020}\n"
            "@article{b, title={On Mixing}, author={Jane Roe}, year=2020}",
            1,
        ),
    ],
)
def test_identity_rules(text, works, tree):
    _drafts, result = _import(text, tree)
    assert len(result.created) == works
