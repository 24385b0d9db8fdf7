"""Site search: results grouped by page type, with the query's words highlighted in a snippet."""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from labsite.visibility import restricted

# Enough for counts and groups; beyond it the page says "more than".
MAX_HITS = 500
PER_GROUP = 5
SNIPPET_CHARS = 240
# Which kinds come first when several match: a page type says where its results go with
# ``search_group_order`` (lower first); the core names none of them.
DEFAULT_GROUP_ORDER = 100
SNIPPET_FIELDS = (
    "search_description",
    "summary",
    "short_bio",
    "abstract",
    "introduction",
    "lay_summary",
)


@dataclass
class Hit:
    page: Page
    title: SafeString
    snippet: SafeString


@dataclass
class Group:
    key: str
    label: str
    total: int = 0
    order: int = DEFAULT_GROUP_ORDER
    hits: list[Hit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.total


# Characters that are syntax to a search backend (SQLite FTS5 reads " as a phrase quote and
# fails on an odd number of them; NUL ends strings) or that no one types on purpose. Visitors'
# quotes and operators become spaces: the words are still searched.
_NOT_WORDS = re.compile(r'[\x00-\x1f\x7f"*^:(){}\[\]]')
MAX_QUERY_LENGTH = 200


def clean_query(query: str) -> str:
    """What a visitor typed, made safe for every search backend: plain words, bounded length."""
    return " ".join(_NOT_WORDS.sub(" ", query[: MAX_QUERY_LENGTH * 2]).split())[:MAX_QUERY_LENGTH]


def terms(query: str) -> list[str]:
    words = [w for w in re.split(r"\W+", query) if len(w) >= 2]
    return sorted(set(words), key=len, reverse=True)[:8]


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, each query word wrapped in <mark>; the text itself never adds markup."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def snippet_text(page, words: list[str]) -> str:
    """A window of the page's own summary text around the first matching word."""
    text = ""
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            break
    if len(text) <= SNIPPET_CHARS:
        return text
    lowered = text.lower()
    positions = [lowered.find(w.lower()) for w in words if w.lower() in lowered]
    start = max(0, min(positions) - SNIPPET_CHARS // 3) if positions else 0
    window = text[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + window + ("…" if start + SNIPPET_CHARS < len(text) else "")


def group_key(page) -> str:
    return page._meta.label_lower


def search_site(root_page, query: str, only: str | None = None, page_number=None, per_page=20):
    """Live public pages under ``root_page`` matching ``query``, grouped by type (best first).

    Returns (groups, truncated, page_obj). Hits are found as plain pages (light rows, enough to
    group and count); only the pages shown are then loaded as their specific types, one query
    per type shown: the number of queries is bounded by the number of page types, and the rows
    read do not grow with the number of matches.
    """
    query = clean_query(query)
    if not query:
        return [], False, None
    pages = Page.objects.live().exclude(restricted()).descendant_of(root_page, inclusive=True)
    page_obj = None
    if only:
        app_label, model_name = only.split(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return [], False, None
        if not issubclass(model, Page):
            return [], False, None
        page_obj = Paginator(pages.type(model).search(query), per_page).get_page(page_number)
        hits = list(page_obj.object_list)
        truncated = False
        counted = {ContentType.objects.get_for_model(model).pk: page_obj.paginator.count}
    else:
        hits = list(pages.only("id", "content_type_id").search(query)[:MAX_HITS])
        truncated = len(hits) >= MAX_HITS
        counted = {}
        for hit in hits:
            counted[hit.content_type_id] = counted.get(hit.content_type_id, 0) + 1
    shown_ids, per_type = [], {}
    for hit in hits:
        taken = per_type.get(hit.content_type_id, 0)
        if only or taken < PER_GROUP:
            shown_ids.append(hit.pk)
            per_type[hit.content_type_id] = taken + 1
    specific = {page.pk: page for page in Page.objects.filter(pk__in=shown_ids).specific()}
    words = terms(query)
    groups: dict[int, Group] = {}
    for pk in shown_ids:
        page = specific.get(pk)
        if page is None:
            continue
        type_id = page.content_type_id
        group = groups.get(type_id)
        if group is None:
            group = groups[type_id] = Group(
                group_key(page),
                str(page._meta.verbose_name_plural).capitalize(),
                total=counted[type_id],
                order=getattr(page, "search_group_order", DEFAULT_GROUP_ORDER),
            )
        group.hits.append(
            Hit(page, highlight(page.title, words), highlight(snippet_text(page, words), words))
        )
    ordered = sorted(groups.values(), key=lambda g: (g.order, g.label))
    return ordered, truncated, page_obj
