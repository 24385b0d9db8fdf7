"""Keeping the figures fresh (weekly, politely) and summing them for a person."""

import datetime
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from labsite.pagecache.invalidation import content_changed
from research.impact import sources
from research.impact.models import CitationCount, CitationSource
from research.publications.models import PublicationAuthor, PublicationPage

#: A figure is asked again once it is this old: the scheduler runs weekly, a retry after a
#: failed run asks only what is still missing.
REFRESH_AFTER = datetime.timedelta(days=6)
#: The most DOIs asked of one source in one run (a large group catches up over a few weeks).
PER_RUN = 2000


@dataclass
class SourceRun:
    source: str
    asked: int = 0
    found: int = 0
    changed: int = 0
    stopped: str = ""


@dataclass
class RefreshReport:
    runs: list[SourceRun] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        labels = dict(CitationSource.choices)
        parts = [
            f"{labels[run.source]}: asked {run.asked}, found {run.found}, changed {run.changed}"
            + (f" (stopped: {run.stopped})" if run.stopped else "")
            for run in self.runs
        ]
        return "; ".join(parts + self.skipped) or "no publication with a DOI"


def _due(source: str, now, limit: int) -> list[tuple[int, str]]:
    """(publication id, DOI) of live publications whose figure from ``source`` is missing or
    old, the oldest first."""
    fresh = CitationCount.objects.filter(source=source, fetched_at__gt=now - REFRESH_AFTER).values(
        "publication_id"
    )
    return list(
        PublicationPage.objects.live()
        .exclude(doi="")
        .exclude(pk__in=fresh)
        .order_by("pk")
        .values_list("pk", "doi")[:limit]
    )


def refresh_citation_counts(now=None, *, limit: int = PER_RUN) -> RefreshReport:
    now = now or timezone.now()
    pause = getattr(settings, "CITATION_REQUEST_PAUSE", 0.2)
    report = RefreshReport()
    if not getattr(settings, "OPENALEX_API_KEY", ""):
        report.skipped.append("OpenAlex skipped: set OPENALEX_API_KEY to add its figures")
    changed_any = False
    for source in sources.enabled_sources():
        run = SourceRun(source)
        report.runs.append(run)
        due = _due(source, now, limit)
        stored = {
            row.publication_id: row
            for row in CitationCount.objects.filter(
                source=source, publication_id__in=[pk for pk, _ in due]
            )
        }
        rows = []
        for index, (pk, doi) in enumerate(due):
            if index and pause:
                time.sleep(pause)  # polite: one request at a time, spaced
            try:
                figure = sources.FETCHERS[source](doi)
            except sources.SourceUnavailable as stop:
                run.stopped = str(stop)
                break
            run.asked += 1
            run.found += figure.count is not None
            old = stored.get(pk)
            if old is None or old.count != figure.count:
                run.changed += 1
            rows.append(
                CitationCount(
                    publication_id=pk,
                    source=source,
                    count=figure.count,
                    record_url=figure.record_url,
                    fetched_at=now,
                )
            )
        if rows:
            # One statement per source; bulk writes send no model signals, so the stored
            # pages are invalidated once below rather than once per figure.
            CitationCount.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["publication", "source"],
                update_fields=["count", "record_url", "fetched_at"],
            )
        changed_any = changed_any or run.changed > 0
    if changed_any:
        content_changed()
    return report


@dataclass(frozen=True)
class SourceSummary:
    source: str
    label: str
    total: int
    h_index: int
    papers: int
    as_of: datetime.date


def h_index(counts: list[int]) -> int:
    """The largest h such that h papers have at least h citations each."""
    ranked = sorted(counts, reverse=True)
    return sum(1 for rank, count in enumerate(ranked, start=1) if count >= rank)


def person_citations(person) -> list[SourceSummary]:
    """Per source: the total over their live publications, the h-index computed from that
    source's figures alone, how many papers it counted and the oldest date among them.
    One query."""
    rows = (
        CitationCount.objects.filter(
            count__isnull=False,
            publication__live=True,
            publication_id__in=PublicationAuthor.objects.filter(person=person.pk).values("page_id"),
        )
        .order_by()
        .values_list("source", "count", "fetched_at")
    )
    by_source: dict[str, list] = {}
    for source, count, fetched_at in rows:
        by_source.setdefault(source, []).append((count, fetched_at))
    labels = dict(CitationSource.choices)
    return [
        SourceSummary(
            source,
            labels[source],
            sum(count for count, _ in figures),
            h_index([count for count, _ in figures]),
            len(figures),
            timezone.localdate(min(when for _, when in figures)),
        )
        for source, figures in sorted(by_source.items())
    ]
