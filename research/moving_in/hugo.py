"""Hugo sites built with Hugo Blox (formerly Wowchemy), the research group template.

``config/_default/*.yaml`` holds the site; ``content/authors/<slug>/_index.md`` the people,
``content/publication/<slug>/index.md`` (with ``cite.bib``) the publications,
``content/event/`` talks, ``content/post/`` news and ``content/project/`` projects; every other
``index.md`` under ``content/`` is a page.
"""

import posixpath
import re

from django.core.exceptions import ValidationError

from research.moving_in import frontmatter
from research.moving_in.common import Reading, clean_name, split_name
from research.moving_in.files import SiteFilesError
from research.moving_in.plan import PersonItem, PublicationItem
from research.publications import bibtex
from research.publications.bibtex import AuthorDraft, EntryDraft
from research.publications.identifiers import normalise_doi

CSL_TYPES = {
    "article-journal": "article",
    "article": "preprint",
    "paper-conference": "conference",
    "chapter": "chapter",
    "book": "book",
    "thesis": "thesis",
    "report": "report",
    "1": "conference",
    "2": "article",
    "3": "preprint",
    "4": "report",
    "5": "book",
    "6": "chapter",
    "7": "thesis",
    "8": "patent",
}
LINK_FIELDS = {
    "url_pdf": "pdf",
    "url_code": "code",
    "url_dataset": "data",
    "url_poster": "poster",
    "url_project": "project",
    "url_slides": "slides",
    "url_source": "publisher",
    "url_video": "video",
    "url_preprint": "preprint",
}
SOCIAL = {
    "twitter": None,
    "x": None,
    "google-scholar": "google_scholar",
    "github": "github",
    "orcid": "orcid",
    "linkedin": "linkedin",
}


def load_config(reading: Reading) -> dict:
    config: dict = {}
    for name in (
        "config/_default/hugo.yaml",
        "config/_default/config.yaml",
        "config.yaml",
        "hugo.yaml",
        "config/_default/params.yaml",
    ):
        if name in reading.files:
            try:
                loaded = frontmatter.load_yaml(reading.files.read_text(name), name) or {}
            except frontmatter.FrontMatterError as error:
                reading.plan.warn(name, error.line, str(error))
                continue
            if isinstance(loaded, dict):
                config.setdefault("params", {}).update(loaded) if name.endswith(
                    "params.yaml"
                ) else config.update(loaded)
    for name in ("config/_default/config.toml", "config.toml", "hugo.toml"):
        if name in reading.files:
            import tomllib

            try:
                config.update(tomllib.loads(reading.files.read_text(name)))
            except tomllib.TOMLDecodeError as error:
                reading.plan.warn(name, 0, f"could not be read ({error})")
    return config


def _bundles(reading: Reading, section: str) -> list[str]:
    found = []
    for path in reading.files.under(f"content/{section}"):
        name = posixpath.basename(path)
        if name == "_index.md" and path.count("/") == 2:
            continue  # the section's own list page
        if name in ("index.md", "_index.md") or path.count("/") == 2:
            found.append(path)
    return found


def _url(path: str, section: str, meta: dict) -> str:
    if meta.get("url"):
        return "/" + str(meta["url"]).strip("/") + "/"
    folder = posixpath.dirname(path)
    slug = (
        posixpath.basename(folder)
        if posixpath.basename(path) in ("index.md", "_index.md")
        else posixpath.splitext(posixpath.basename(path))[0]
    )
    slug = frontmatter.text(meta.get("slug")) or slug
    prefix = {"authors": "author"}.get(section, section)
    return f"/{prefix}/{slug}/" if section else f"/{slug}/"


def _featured(reading: Reading, path: str, title: str):
    folder = posixpath.dirname(path)
    for name in ("featured.jpg", "featured.png", "featured.webp", "featured.jpeg"):
        candidate = f"{folder}/{name}"
        if candidate in reading.files:
            return reading.image(path, name, title)
    return None


def read(reading: Reading) -> None:
    files, plan = reading.files, reading.plan
    config = load_config(reading)
    reading.site = config
    plan.title = frontmatter.text(config.get("title"))
    plan.base_url = frontmatter.text(config.get("baseURL") or config.get("baseurl"))
    reading.image_roots = ("static", "assets/media", "")
    authors: dict[str, PersonItem] = {}
    for document in reading.documents(_bundles(reading, "authors")):
        person = _person(reading, *document)
        if person:
            authors[person.keys[0]] = person
            plan.people.append(person)
    # Older Academic sites name their sections in the plural (content/publications/, talks/).
    for section in ("publication", "publications"):
        for document in reading.documents(_bundles(reading, section)):
            item = _publication(reading, *document, authors)
            if item:
                plan.publications.append(item)
    for section in ("event", "events", "talk", "talks"):
        for document in reading.documents(_bundles(reading, section)):
            _event(reading, *document, authors)
    for section, kind in (
        ("post", "news"),
        ("posts", "news"),
        ("news", "news"),
        ("project", "project"),
        ("projects", "project"),
    ):
        for document in reading.documents(_bundles(reading, section)):
            _simple(reading, *document, section, kind)
    taken = {
        "authors",
        "publication",
        "publications",
        "event",
        "events",
        "talk",
        "talks",
        "post",
        "posts",
        "news",
        "project",
        "projects",
    }
    pages = []
    for path in files.under("content"):
        parts = path.split("/")
        if len(parts) < 2 or (len(parts) > 2 and parts[1] in taken):
            continue
        if parts[-1] not in ("index.md", "_index.md") and len(parts) != 2:
            continue
        pages.append(path)
    for document in reading.documents(pages):
        _page(reading, *document)


def _person(reading: Reading, path: str, meta: dict, body: str, line: int) -> PersonItem | None:
    name = (
        frontmatter.text(meta.get("title"))
        or frontmatter.text(meta.get("name"))
        or " ".join(frontmatter.text(meta.get(k)) for k in ("first_name", "last_name")).strip()
    )
    if not name:
        reading.plan.skip(path, 1, "an author without a name: add 'title:' to the front matter")
        return None
    folder = posixpath.basename(posixpath.dirname(path))
    given = frontmatter.text(meta.get("first_name")) or split_name(name)[0]
    family = frontmatter.text(meta.get("last_name")) or split_name(name)[1]
    groups = [str(g) for g in frontmatter.as_list(meta.get("user_groups"))]
    person = PersonItem(
        slug=reading.slug("person", name),
        name=clean_name(name),
        source=path,
        given_names=given,
        family_name=family,
        role=frontmatter.text(meta.get("role")) or (groups[0] if groups else "Member"),
        short_bio=frontmatter.text(meta.get("bio"))[:400],
        body=reading.body(path, body, line, meta, _url(path, "authors", meta)),
        interests=[str(i)[:100] for i in frontmatter.as_list(meta.get("interests"))][:12],
        email=frontmatter.text(meta.get("email")),
        former=any(re.search(r"alum|former|past", g, re.I) for g in groups),
        photo=reading.image(path, "avatar.jpg", name)
        if f"{posixpath.dirname(path)}/avatar.jpg" in reading.files
        else (
            reading.image(path, "avatar.png", name)
            if f"{posixpath.dirname(path)}/avatar.png" in reading.files
            else None
        ),
        old_urls=[_url(path, "authors", meta)],
        keys=[folder],
    )
    organisations = meta.get("organizations") or []
    for organisation in organisations if isinstance(organisations, list) else []:
        if isinstance(organisation, dict) and organisation.get("name"):
            person.positions.append(
                {"title": person.role, "organisation": str(organisation["name"])}
            )
    education = meta.get("education") or {}
    for course in (education.get("courses") or []) if isinstance(education, dict) else []:
        if isinstance(course, dict) and course.get("course"):
            person.education.append(
                {
                    "degree": str(course["course"]),
                    "organisation": frontmatter.text(course.get("institution")),
                    "end": frontmatter.as_date(course.get("year")),
                }
            )
    for link in meta.get("social") or []:
        if not isinstance(link, dict):
            continue
        icon, url = str(link.get("icon", "")), frontmatter.text(link.get("link"))
        if url.startswith("mailto:") and not person.email:
            person.email = url[7:]
        elif SOCIAL.get(icon) and url.startswith("http"):
            value = url.rstrip("/").rsplit("/", 1)[-1] if icon == "orcid" else url
            setattr(person, SOCIAL[icon], value)
    return person


def _names(values, authors: dict[str, PersonItem]) -> list[AuthorDraft]:
    drafts = []
    for value in frontmatter.as_list(values):
        name = " ".join(str(value or "").split())
        if not name:
            continue  # "authors: [a, , b]" or a trailing comma
        if name in authors:  # a Hugo author folder ('admin') stands for that person
            name = authors[name].name
        drafts.append(AuthorDraft(bibtex_name=name, display_name=name))
    return drafts


def _publication(
    reading: Reading, path: str, meta: dict, body: str, line: int, authors
) -> PublicationItem | None:
    folder = posixpath.dirname(path)
    draft = None
    # cite.bib in Hugo Blox; some Academic sites name it after the featured image.
    bib = next(
        (f"{folder}/{n}" for n in ("cite.bib", "featured.bib") if f"{folder}/{n}" in reading.files),
        None,
    )
    if bib:
        try:
            drafts = bibtex.parse(reading.files.read_text(bib))
            draft = drafts[0] if drafts and not drafts[0].errors else None
        except (bibtex.BibtexError, SiteFilesError) as error:
            reading.plan.warn(bib, 0, f"not read ({error}); the page's fields are used")
    if draft is None:
        draft = EntryDraft(key=posixpath.basename(folder), line=1)
        draft.title = frontmatter.text(meta.get("title"))
        date = frontmatter.as_date(meta.get("date"))
        draft.year, draft.month = (date.year, date.month) if date else (None, None)
        draft.authors = _names(meta.get("authors"), authors)
        draft.venue = reading.plain(path, meta.get("publication") or "")[:300]
        types = [str(t) for t in frontmatter.as_list(meta.get("publication_types"))]
        draft.publication_type = CSL_TYPES.get(types[0], "article") if types else "article"
        if not draft.title:
            draft.errors.append("it has no title")
        if draft.year is None:
            draft.errors.append("it has no date: add 'date: \"2024-01-01\"'")
        if not draft.authors:
            draft.errors.append("it has no authors: add 'authors: [...]'")
    else:
        draft.authors = _names(meta.get("authors"), authors) or draft.authors
    draft.key = posixpath.basename(folder)
    doi = frontmatter.text(meta.get("doi"))
    if doi and not draft.doi:
        try:
            draft.doi = normalise_doi(doi)
        except ValidationError as error:
            draft.notices.append(f"the DOI was left out: {error.messages[0]}")
    if not draft.doi:
        # A DOI given only as the publisher's address (url_custom, url_source, links).
        addresses = [str(v) for k, v in meta.items() if str(k).startswith("url") and v]
        addresses += [
            str(link.get("url", "")) for link in meta.get("links") or [] if isinstance(link, dict)
        ]
        for address in addresses:
            found = bibtex.doi_in_text(address)
            if found:
                try:
                    draft.doi = normalise_doi(found)
                    break
                except ValidationError:
                    continue
    draft.abstract = draft.abstract or reading.plain(path, meta.get("abstract") or "")
    draft.selected = bool(meta.get("featured")) or draft.selected
    draft.keywords = draft.keywords or [str(t) for t in frontmatter.as_list(meta.get("tags"))][:20]
    for field, kind in LINK_FIELDS.items():
        url = frontmatter.text(meta.get(field))
        if url.startswith(("http://", "https://")) and url not in {u for _k, u in draft.links}:
            if kind == "pdf" and "arxiv.org" in url and not draft.arxiv_id:
                match = re.search(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", url)
                if match:
                    draft.arxiv_id = match.group(1)
            draft.links.append((kind, url))
    for link in meta.get("links") or []:
        if isinstance(link, dict) and str(link.get("url", "")).startswith("http"):
            name = str(link.get("name", "")).lower()
            draft.links.append(
                (
                    next(
                        (
                            k
                            for w, k in (
                                ("code", "code"),
                                ("data", "data"),
                                ("video", "video"),
                                ("slides", "slides"),
                                ("poster", "poster"),
                            )
                            if w in name
                        ),
                        "project",
                    ),
                    link["url"],
                )
            )
    extra = reading.plain(path, body)
    if extra and not draft.abstract:
        draft.abstract = extra
    elif extra:
        reading.plan.warn(
            path,
            line,
            "the notes below the publication's fields were not imported (it has an abstract); add them in the editor",
        )
    return PublicationItem(draft=draft, source=path, old_urls=[_url(path, "publication", meta)])


def _event(reading: Reading, path: str, meta: dict, body: str, line: int, authors) -> None:
    title = frontmatter.text(meta.get("title"))
    date = frontmatter.as_date(meta.get("date"))
    if not title or not date:
        reading.plan.skip(path, 1, "an event needs 'title' and 'date' in its front matter")
        return
    address = meta.get("address") if isinstance(meta.get("address"), dict) else {}
    location = ", ".join(
        frontmatter.text(address.get(k)) for k in ("city", "country") if address.get(k)
    ) or frontmatter.text(meta.get("location"))
    people = [
        authors[a].slug if a in authors else str(a)
        for a in frontmatter.as_list(meta.get("authors"))
    ]
    reading.add_page(
        "talk",
        title,
        path,
        date=date,
        end_date=frontmatter.as_date(meta.get("date_end")),
        summary=(
            reading.plain(path, meta.get("abstract") or "")
            or reading.plain(path, meta.get("summary") or "")
        )[:2000],
        body=reading.body(path, body, line, meta, _url(path, "event", meta)),
        old_urls=[_url(path, "event", meta)],
        image=_featured(reading, path, title),
        people=people,
        extra={
            "kind": "invited",
            "event": frontmatter.text(meta.get("event")) or title,
            "event_url": frontmatter.text(meta.get("event_url")),
            "location": location,
            "slides_url": frontmatter.text(meta.get("url_slides")),
            "video_url": frontmatter.text(meta.get("url_video")),
        },
    )


def _simple(
    reading: Reading, path: str, meta: dict, body: str, line: int, section: str, kind: str
) -> None:
    title = frontmatter.text(meta.get("title"))
    date = frontmatter.as_date(meta.get("date"))
    if not title or (kind == "news" and not date):
        reading.plan.skip(path, 1, "needs 'title' and 'date' in its front matter")
        return
    url = _url(path, section, meta)
    reading.add_page(
        kind,
        title,
        path,
        date=date,
        summary=reading.plain(path, meta.get("summary") or "")[:600],
        body=reading.body(path, body, line, meta, url),
        old_urls=[url],
        image=_featured(reading, path, title),
        tags=[str(t) for t in frontmatter.as_list(meta.get("tags"))][:10],
    )


def _page(reading: Reading, path: str, meta: dict, body: str, line: int) -> None:
    title = frontmatter.text(meta.get("title")) or (
        "About"
        if path == "content/_index.md"
        else posixpath.basename(posixpath.dirname(path)).title()
    )
    if meta.get("sections") or meta.get("type") == "landing" or meta.get("widget"):
        texts = []
        for block in meta.get("sections") or []:
            content = block.get("content", {}) if isinstance(block, dict) else {}
            if (
                isinstance(content, dict)
                and isinstance(content.get("text"), str)
                and content["text"].strip()
            ):
                texts.append(content["text"])
        if not texts:
            reading.plan.skip(
                path,
                1,
                f"'{title or 'home'}' is made of theme blocks that list other content; labsite builds those lists itself",
            )
            return
        body = "\n\n".join(texts)
        title = title or "About"
    if len(reading.plain(path, body)) < 40:
        reading.plan.skip(path, 1, f"'{title}' has no text of its own to import")
        return
    url = "/" + "/".join(path.split("/")[1:-1]) + "/" if path.count("/") > 1 else "/"
    reading.add_page(
        "page",
        title,
        path,
        summary=reading.plain(path, meta.get("summary") or "")[:600],
        body=reading.body(path, body, line, meta, url),
        old_urls=[url] if url != "/" else [],
    )
