"""Every site of the corpus of real sites (tests/data/sites/corpus/manifest.json) is read
without a crash, recognised as the generator that built it, and planned with what it
published (at least 95% of its people, publications, DOIs and news, and no more than it
published). bench/bench_moving_in_corpus.py imports them all and prints the table."""

import io
import json
from pathlib import Path

import pytest
from wagtail.models import Page

from research.moving_in.files import SiteFiles
from research.moving_in.readers import read_site
from research.publications import bibtex

pytestmark = pytest.mark.corpus
CORPUS = Path(__file__).resolve().parents[1] / "data" / "sites" / "corpus"
SITES = json.loads((CORPUS / "manifest.json").read_text())["sites"]


def _planned(plan) -> dict[str, int]:
    # The same work twice in the files counts once (the import's identity rules).
    bibtex.mark_duplicates([i.draft for i in plan.publications], Page.objects.get(depth=1))
    good = [i.draft for i in plan.publications if not i.draft.errors and not i.draft.repeats]
    return {
        "people": len(plan.people),
        "publications": len(good),
        "dois": len({d.doi for d in good if d.doi}),
        "news": len(plan.pages_of("news")),
    }


def test_the_corpus_is_broad():
    assert len(SITES) >= 20
    generators = {site["generator"] for site in SITES}
    assert generators == {"al-folio", "academicpages", "hugo-blox", "greene-lab", "hand-written"}
    assert sum(site["held_back"] for site in SITES) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize("site", SITES, ids=[Path(s["file"]).stem for s in SITES])
def test_each_real_site_is_read_whole(site):
    files = SiteFiles.from_zip(io.BytesIO((CORPUS / site["file"]).read_bytes()))
    plan = read_site(files)
    assert plan.site_format == site["generator"], plan.detection
    planned = _planned(plan)
    for measure, expected in site["expected"].items():
        assert planned[measure] >= 0.95 * expected, (measure, planned[measure], expected)
        assert planned[measure] <= max(expected * 1.05, expected + 1), (measure, planned, expected)
