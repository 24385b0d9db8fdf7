"""What the old site never showed its visitors, so an import must not publish it either.

Each generator hides some files: drafts (``draft: true`` in Hugo, ``published: false`` in
Jekyll), posts dated in the future (both, unless the site's configuration says otherwise),
Hugo pages past their ``expiryDate`` or marked not to be rendered, and in Jekyll anything inside
a folder whose name starts with an underscore within a collection (``_publications/_old/``).
Themes also ship example content that a site keeps by oversight and still publishes: those are
recognised by the titles the themes gave them, and skipped too. ``reason`` says why a file is
left out, in words the preview shows; None means it is imported.
"""

import datetime
import posixpath
import re

from research.moving_in import frontmatter

#: The example content of each theme, by title (lower case, spaces collapsed): what a site
#: shows when its owner left the theme's samples in place. Titles are taken from the themes'
#: own files (al-folio, academicpages, the Greene Lab template, Hugo Blox / Wowchemy starters).
SAMPLE_TITLES = {
    "al-folio": [
        r"a post with .+",
        r"a post that can be cited",
        r"a distill-style blog post",
        r"displaying beautiful tables with bootstrap tables",
        r"displaying external posts on your al-folio blog",
        r"a long announcement with details",
        r"project \d+( with very long name)?",
        r"the godfather",
    ],
    "academicpages": [
        r"blog post number \d+",
        r"future blog post",
        r"draft post",
        r"portfolio item number \d+",
        r"paper title number \d+",
        r"(conference proceeding )?(talk|tutorial) \d+ on relevant topic in your field",
        r"teaching experience \d+",
        r"markdown",
        r"page not in menu",
        r"page not found",
        r"terms and privacy policy",
        r"archive layout with content",
        r"sitemap",
    ],
    "greene-lab": [r"example post \d+"],
    "hugo-blox": [
        r"an example (journal article|conference paper|preprint / working paper|book|thesis)",
        r"example (event|talk|project)",
        r"external project",
        r"richard hendricks wins first place in the wowchemy prize",
        r"jian yang and monica hall win the best paper award at wowchemy 2020",
        r"welcome to (wowchemy|hugo blox|academic),? the website builder for hugo",
        r"writing technical content in (markdown|academic)",
        r"display jupyter notebooks with academic",
        r"slides",
    ],
}
#: Announcements without a title in al-folio are recognised by their opening words.
SAMPLE_OPENINGS = {
    "al-folio": [
        "a simple inline announcement",
        "announcements and news can be much longer than just quick inline posts",
    ],
}
#: The people the themes invent for their examples.
SAMPLE_PEOPLE = {
    # The current template's, and the earlier template's pun names.
    "greene-lab": {
        "jane smith",
        "john doe",
        "sarah johnson",
        "upton o. goode",
        "upton goode",
        "anne chovie",
        "felix cited",
    },
    "hugo-blox": {"nelson bighetti", "alice wu 吳恩達", "alice wu"},
}

#: The BibTeX entries al-folio ships in _bibliography/papers.bib, by key.
SAMPLE_ENTRIES = {
    "al-folio": re.compile(r"^(einstein19\d\d[a-z]+|PhysRev\.47\.777|przibram1967letters)$"),
}

_sample_patterns = {
    generator: re.compile("^(?:" + "|".join(patterns) + ")$")
    for generator, patterns in SAMPLE_TITLES.items()
}


def _words(text) -> str:
    return " ".join(frontmatter.text(text).lower().split())


def sample_title(generator: str, title: str) -> bool:
    pattern = _sample_patterns.get(generator)
    return bool(pattern and pattern.match(_words(title)))


def sample_entry(generator: str, key: str) -> bool:
    pattern = SAMPLE_ENTRIES.get(generator)
    return bool(pattern and pattern.match(key))


def sample_person(generator: str, name: str) -> bool:
    return _words(name) in SAMPLE_PEOPLE.get(generator, set())


def _is_true(value) -> bool:
    return value is True or str(value).strip().lower() in ("true", "yes", "1")


def _is_false(value) -> bool:
    return value is False or str(value).strip().lower() in ("false", "no", "0", "never")


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return frontmatter.as_date(value)


def reason(
    generator: str,
    path: str,
    meta: dict,
    body: str,
    config: dict,
    today: datetime.date,
    examples: bool = True,
) -> str | None:
    """Why the old site did not publish this file, or None if it did. With ``examples`` off,
    the theme's example content counts as the site's own (a site that really uses it)."""
    folders = posixpath.dirname(path).split("/")
    if generator != "hugo-blox" and any(part.startswith("_") for part in folders[1:]):
        return "in a folder starting with '_', which Jekyll does not publish"
    if generator != "hugo-blox" and folders[0].startswith("_") and path.split("/")[-1][0] in "_.#~":
        return "its name starts with '_', so Jekyll does not publish it (a template, usually)"
    if _is_true(meta.get("draft")):
        return "a draft (draft: true), which the old site did not publish"
    if _is_false(meta.get("published")):
        return "marked published: false, which the old site did not publish"
    if generator == "hugo-blox":
        if str(meta.get("type", "")).lower() in ("wowchemycms", "decapcms", "netlifycms"):
            return "the old site's content-management page (its CMS), not content"
        build = meta.get("_build") or meta.get("build") or {}
        if isinstance(build, dict) and _is_false(build.get("render", True)):
            return "marked not to be rendered (build: render: never)"
        if _is_true(meta.get("headless")) and not path.startswith("content/authors/"):
            return "a headless bundle: its content appears inside other pages, not on its own"
        expiry = _day(meta.get("expiryDate") or meta.get("expirydate"))
        if expiry and expiry <= today:
            return f"expired on {expiry} (expiryDate), so the old site no longer showed it"
        shows_future = _is_true(config.get("buildFuture") or config.get("buildfuture"))
        start = _day(meta.get("publishDate") or meta.get("publishdate") or meta.get("date"))
    else:
        shows_future = _is_true(config.get("future"))
        name = posixpath.basename(path)
        start = _day(meta.get("date")) or (
            _day(name[:10]) if folders[0] in ("_posts", "_news") else None
        )
        if folders[0] not in ("_posts", "_news", "_talks", "_publications", "_portfolio"):
            start = None  # Jekyll holds back future-dated documents of dated collections only
    if start and start > today and not shows_future:
        return f"dated {start}, in the future: the old site would not publish it before then"
    if not examples:
        return None
    title = meta.get("title") or meta.get("name") or ""
    if title and sample_title(generator, title):
        return f"'{frontmatter.text(title)}' is the theme's example content, not the site's own"
    if not title:
        opening = _words(re.sub(r"[^\w\s]", " ", body[:200]))
        if any(opening.startswith(o) for o in SAMPLE_OPENINGS.get(generator, [])):
            return "the theme's example announcement, not the site's own"
    if path.startswith(("_members/", "content/authors/")) and sample_person(generator, title):
        return f"'{frontmatter.text(title)}' is the theme's example person, not a member"
    return None
