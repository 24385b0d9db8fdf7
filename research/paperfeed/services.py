"""Sharing a paper: find it by what was pasted, never store it twice, record who recommends it."""

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from people.models import PersonPage
from research.paperfeed.models import FeedPaper, PaperFeedPage, PaperRecommendation
from research.paperfeed.sources import PaperDraft, identifier_key


class NoPaperFeed(Exception):
    """There is no paper feed page to share into; the message says how to add one."""


def default_feed(site=None) -> PaperFeedPage:
    feeds = PaperFeedPage.objects.all()
    if site is not None:
        feeds = feeds.descendant_of(site.root_page, inclusive=True)
    feed = feeds.order_by("path").first()
    if feed is None:
        raise NoPaperFeed(
            "There is no paper feed yet. An editor adds one under the home page "
            "(Pages > home > Add child page > Paper feed page)."
        )
    return feed


def recommender_for(user):
    """(person page, name) of the member behind ``user``: their profile, else their name."""

    person = PersonPage.objects.filter(member_user=user).only("pk", "title").first()
    if person is not None:
        return person, ""
    return None, user.get_full_name() or user.get_username()


def find_existing(feed, *, doi="", arxiv_id="", url="") -> FeedPaper | None:
    """The paper already in ``feed`` under any of these identifiers (arXiv versions count as one)."""
    keys = [identifier_key(doi=doi)] if doi else []
    match = Q()
    if arxiv_id:
        base = re.sub(r"v\d+$", "", arxiv_id)
        keys.append(identifier_key(arxiv_id=base))
        match |= Q(arxiv_id=base) | Q(arxiv_id__startswith=f"{base}v")
    if doi:
        match |= Q(doi=doi)
    if url:
        keys.append(identifier_key(url=url))
    match |= Q(identifier__in=keys)
    return FeedPaper.objects.filter(feed=feed).filter(match).order_by("added_at").first()


@dataclass
class ShareResult:
    paper: FeedPaper
    created: bool
    already_recommended: bool = False


def recommend(paper, user, comment: str) -> bool:
    """Add ``user``'s flag to ``paper``; False if they had already flagged it (comment kept)."""
    person, name = recommender_for(user)
    existing = paper.recommendations.filter(person=person) if person else None
    if person is None:
        existing = paper.recommendations.filter(person=None, name=name)
    current = existing.first()
    if current is not None:
        if comment and not current.comment:
            current.comment = comment
            current.save(update_fields=["comment"])
        return False
    PaperRecommendation.objects.create(paper=paper, person=person, name=name, comment=comment)
    return True


def share(feed, draft: PaperDraft, user, *, comment="", themes=()) -> ShareResult:
    """Store ``draft`` in ``feed`` with ``user``'s recommendation, or flag the paper already there."""
    with transaction.atomic():
        existing = find_existing(feed, doi=draft.doi, arxiv_id=draft.arxiv_id, url=draft.url)
        if existing is not None:
            added = recommend(existing, user, comment)
            return ShareResult(existing, created=False, already_recommended=not added)
        paper = FeedPaper(
            feed=feed,
            doi=draft.doi,
            arxiv_id=draft.arxiv_id,
            url=draft.url,
            title=draft.title[:500],
            authors=", ".join(draft.authors),
            abstract=draft.abstract,
            venue=draft.venue[:300],
            published=draft.published,
            added_at=timezone.now(),
            added_by=user,
        )
        try:
            with transaction.atomic():
                paper.save()
        except IntegrityError:
            # Someone shared the same paper a moment ago: flag theirs instead.
            existing = find_existing(feed, doi=draft.doi, arxiv_id=draft.arxiv_id, url=draft.url)
            added = recommend(existing, user, comment)
            return ShareResult(existing, created=False, already_recommended=not added)
        if themes:
            paper.themes.set(themes)
            paper.save()
        recommend(paper, user, comment)
    return ShareResult(paper, created=True)
