"""Jekyll sites: al-folio, academicpages, the Greene Lab template and hand-written pages.

They share Jekyll's conventions (``_config.yml``, ``_posts``, collections in ``_<name>``
folders, front matter); each template adds its own folders and fields, read here.
"""

import fnmatch
import posixpath
import re

from research.moving_in import (
    courses,
    frontmatter,
    markup,
    reference_lists,
    team_pages,
    unpublished,
)
from research.moving_in.common import (
    Reading,
    clean_name,
    first_words,
    jekyll_url,
    new_person,
    split_name,
)
from research.moving_in.files import SiteFilesError
from research.moving_in.plan import PageItem, PersonItem, PublicationItem
from research.publications import bibtex
from research.publications.bibtex import AuthorDraft, EntryDraft

# Pages whose content is a list built by the old theme from files imported on their own.
LIST_LAYOUTS = {"archive", "bib", "cv", "home", "publications", "talks", "teaching", "people"}
LIST_MARKERS = (
    "{% bibliography",
    "site.publications",
    "site.talks",
    "site.projects",
    "site.people",
    "site.posts",
    "site.news",
    "site.teaching",
    "site.portfolio",
    "include list.html",
    "paginator.posts",
)
TALK_WORDS = [
    ("keynote", "keynote"),
    ("plenary", "plenary"),
    ("invited", "invited"),
    ("spotlight", "spotlight"),
    ("contributed", "contributed"),
    ("poster", "poster"),
    ("tutorial", "tutorial"),
    ("seminar", "seminar"),
    ("panel", "panel"),
    ("workshop", "contributed"),
]


def load_config(reading: Reading, names=("_config.yml", "_config.yaml")) -> dict:
    for name in names:
        if name in reading.files:
            try:
                config = frontmatter.load_yaml(reading.files.read_text(name), name) or {}
            except frontmatter.FrontMatterError as error:
                reading.plan.warn(name, error.line, str(error))
                return {}
            return config if isinstance(config, dict) else {}
    return {}


def _site(reading: Reading, config: dict) -> None:
    reading.site = config
    reading.plan.title = frontmatter.text(config.get("title")) or frontmatter.text(
        config.get("name")
    )
    reading.plan.base_url = frontmatter.text(config.get("url"))


def _is_list_page(meta: dict, body: str) -> bool:
    """Pages the old theme filled from other files, with little text of their own."""
    layout = str(meta.get("layout", "")).lower()
    if layout in LIST_LAYOUTS:
        return True
    return any(marker in body for marker in LIST_MARKERS) and len(_text_left(body)) < 300


def _text_left(body: str) -> str:
    """What a visitor would read once tags, comments and Liquid are gone."""
    text = re.sub(r"<!--.*?-->|\{%.*?%\}|\{\{.*?\}\}|<[^>]+>", " ", body, flags=re.DOTALL)
    return " ".join(text.split())


def read_pages(reading: Reading, paths: list[str], config: dict) -> None:
    """Free pages: a standard page each, unless the old theme built them from other files."""
    for path, meta, body, line in reading.documents(paths):
        url = jekyll_url(path, meta, config)
        title = (
            frontmatter.text(meta.get("title")) or posixpath.splitext(posixpath.basename(path))[0]
        )
        if url in ("/404.html", "/404/", "/404") or meta.get("layout") == "404":
            reading.plan.skip(path, 1, "the old site's 'page not found' page; labsite has its own")
            continue
        if url == "/" and posixpath.splitext(posixpath.basename(path))[0] in ("index", "home"):
            # The site's front page: its words become the home page's text, not a page
            # called "index".
            if len(_text_left(body)) >= 40:
                reading.add_page(
                    "home",
                    frontmatter.text(meta.get("title")) or reading.plan.title or "Home",
                    path,
                    body=reading.body(path, body, line, meta, url),
                )
            continue
        if team_pages.is_team_page(url, title):
            text_body = reading.body(path, body, line, meta, url)
            found = team_pages.people_in(text_body, path, reading, looks_like_a_person)
            if len(found) >= 2:
                reading.plan.people.extend(found)
                if found:
                    found[0].old_urls.append(url)
                continue
        if _is_list_page(meta, body):
            reading.plan.skip(
                path,
                1,
                f"'{title}' lists content the old theme built from other files (publications, "
                "news, people…); labsite builds that list itself from what is imported",
            )
            continue
        if len(_text_left(body)) < 40:
            reading.plan.skip(path, 1, f"'{title}' has no text of its own to import")
            continue
        reading.add_page(
            "page",
            title,
            path,
            summary=frontmatter.text(meta.get("description") or meta.get("excerpt"))[:600],
            body=reading.body(path, body, line, meta, url),
            old_urls=[url],
        )


def read_posts(
    reading: Reading, folder: str, config: dict, collection: str = "posts", paths=None
) -> None:
    for path, meta, body, line in reading.documents(
        reading.files.under(folder) if paths is None else paths
    ):
        name = posixpath.basename(path)
        date = frontmatter.as_date(meta.get("date")) or frontmatter.as_date(name[:10])
        if date is None:
            reading.plan.skip(path, 1, "no date: add 'date: 2024-05-01' to its front matter")
            continue
        url = jekyll_url(path, meta, config, collection)
        text_body = reading.body(path, body, line, meta, url)
        title = frontmatter.text(meta.get("title")) or first_words(
            text_body.text() and reading.plain(path, body)
        )
        if not title:
            reading.plan.skip(path, 1, "no title and no text")
            continue
        tags = [str(t) for t in frontmatter.as_list(meta.get("tags"))][:10]
        author = frontmatter.text(meta.get("author"))
        reading.add_page(
            "news",
            title,
            path,
            date=date,
            summary=reading.plain(path, meta.get("excerpt") or meta.get("description") or "")[:600],
            body=text_body,
            tags=tags,
            old_urls=[url],
            people=[author] if author else [],
            image=reading.image(path, meta.get("image") or meta.get("img") or ""),
        )


def read_bibliography(reading: Reading, paths: list[str]) -> None:
    for path in paths:
        try:
            drafts = bibtex.parse(reading.files.read_text(path))
        except (bibtex.BibtexError, SiteFilesError) as error:
            reading.plan.skip(path, 0, f"not imported: {error}")
            continue
        for draft in drafts:
            if not reading.keep_examples and unpublished.sample_entry(
                reading.plan.site_format, draft.key
            ):
                reading.plan.skip(
                    path,
                    draft.line,
                    f"not imported: '{draft.key}' ({draft.title[:60]}) is the theme's example "
                    "entry, not the site's own",
                )
                continue
            reading.citations[draft.key] = draft.title
            reading.plan.publications.append(PublicationItem(draft=draft, source=path))


def _owner(reading: Reading, name: str, path: str, **fields) -> PersonItem:
    person = new_person(
        reading, name, path, role=fields.pop("role", "Principal investigator"), **fields
    )
    reading.plan.people.append(person)
    return person


def _talk_kind(text: str) -> str:
    lowered = text.lower()
    for word, kind in TALK_WORDS:
        if word in lowered:
            return kind
    return "seminar"


# --- al-folio ---------------------------------------------------------------------------------


def read_alfolio(reading: Reading) -> None:
    files, plan = reading.files, reading.plan
    config = load_config(reading)
    _site(reading, config)
    reading.image_roots = ("", "assets/img")
    read_bibliography(reading, files.under("_bibliography", (".bib",)))
    owner_name = " ".join(
        frontmatter.text(config.get(k)) for k in ("first_name", "middle_name", "last_name")
    ).strip()
    team_pages = _alfolio_team(reading, config)
    if owner_name and looks_like_a_person(owner_name, plan.title):
        _owner(reading, owner_name, "_config.yml", email=frontmatter.text(config.get("email")))
    elif owner_name:
        plan.skip(
            "_config.yml",
            1,
            f"first_name/last_name '{owner_name}' name the site, not a person: "
            "no person page is made from them",
        )
    # Lab forks keep members in a _people collection (name, category, image, interests).
    for path, meta, body, line in reading.documents(files.under("_people")):
        name = frontmatter.text(meta.get("name") or meta.get("title"))
        if not name:
            plan.skip(path, 1, "a person without a name: add 'name:' to its front matter")
            continue
        category = frontmatter.text(meta.get("category")) or "Member"
        contact = frontmatter.text(meta.get("contact"))
        interests = re.split(r"[;,]\s*", frontmatter.text(meta.get("interests")))
        person = new_person(
            reading,
            name,
            path,
            role={
                "director": "Principal investigator",
                "graduate": "PhD student",
                "undergrad": "Undergraduate student",
                "undergraduate": "Undergraduate student",
            }.get(category.lower(), category.title()),
            body=reading.body(path, body, line, meta),
            interests=[i.strip().rstrip(".")[:100] for i in interests if i.strip()][:12],
            email=contact if re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", contact) else "",
            former=meta.get("current") is False,
            photo=reading.image(path, meta.get("image") or "", name, folder="assets/img/people"),
        )
        plan.people.append(person)
    if "_data/coauthors.yml" in files:
        plan.skip(
            "_data/coauthors.yml",
            1,
            "co-authors outside the group are kept as author "
            "names on the publications; their links are not imported",
        )
    for path, meta, body, line in reading.documents(files.under("_news")):
        date = frontmatter.as_date(meta.get("date"))
        if date is None:
            plan.skip(path, 1, "a news item without a date: add 'date: 2024-05-01'")
            continue
        url = jekyll_url(path, meta, config, "news")
        text = reading.plain(path, body, meta)
        title = frontmatter.text(meta.get("title")) or first_words(text)
        if not title:
            plan.skip(path, 1, "an empty news item")
            continue
        reading.add_page(
            "news",
            title,
            path,
            date=date,
            body=reading.body(path, body, line, meta, url),
            old_urls=[url],
        )
    read_posts(reading, "_posts", config)
    for path, meta, body, line in reading.documents(files.under("_projects")):
        title = frontmatter.text(meta.get("title"))
        if not title:
            plan.skip(path, 1, "a project without a title")
            continue
        years = re.findall(r"(19\d\d|20\d\d)", str(meta.get("year", "")))
        url = jekyll_url(path, meta, config, "projects")
        reading.add_page(
            "project",
            title,
            path,
            summary=reading.plain(path, meta.get("description") or "")[:600],
            body=reading.body(path, body, line, meta, url),
            old_urls=[url],
            image=reading.image(path, meta.get("img") or ""),
            date=frontmatter.as_date(int(years[0])) if years else None,
            end_date=frontmatter.as_date(int(years[-1])) if len(years) > 1 else None,
            extra={"funder": frontmatter.text(meta.get("organization")), "year_only": True},
        )
    for path, meta, body, line in reading.documents(files.under("_teachings")):
        course, left_out = courses.alfolio_course(meta)
        if not course["title"]:
            plan.skip(path, 1, "a course without a title")
            continue
        for url in left_out:
            plan.warn(path, 1, f"material {url} is a file of the old site: upload it to the course")
        url = jekyll_url(path, meta, config, "teachings")
        instructor = course.pop("instructor")
        reading.add_page(
            "course",
            course.pop("title"),
            path,
            summary=reading.plain(path, meta.get("description") or "")[:500],
            body=reading.body(path, body, line, meta, url),
            old_urls=[url],
            date=frontmatter.as_date(course["year"]) if course["year"] else None,
            extra=course,
            people=[instructor] if instructor else [],
        )
    read_pages(reading, [p for p in files.under("_pages") if p not in team_pages], config)
    read_other_collections(reading, config)


#: What a collection of the site's own holds, told by its name (a lab's _press, _updates…).
COLLECTION_KINDS = [
    (re.compile(r"^(team|members?|people|group|staff|students|alumni|lab)$"), "people"),
    (re.compile(r"news|announce|update|press|blog|post|media|event"), "news"),
    (re.compile(r"project|research|portfolio"), "project"),
]


def read_other_collections(reading: Reading, config: dict) -> None:
    """Collections the theme does not have and the site added (Jekyll's ``_name/`` folders):
    news-like and project-like ones are imported by their name; the others are listed as not
    imported, so that nothing disappears without the preview saying so."""
    files, plan = reading.files, reading.plan
    folders = sorted(
        {
            path.split("/", 1)[0]
            for path in files.all()
            if path.startswith("_")
            and "/" in path
            and path.endswith((".md", ".markdown"))
            and path not in reading.seen
        }
        - {"_drafts", "_includes", "_layouts", "_sass", "_site", "_data", "_plugins", "_pages"}
    )
    for folder in folders:
        paths = [p for p in files.under(folder) if p not in reading.seen]
        name = folder.lstrip("_").lower()
        kind = next((k for pattern, k in COLLECTION_KINDS if pattern.search(name)), None)
        if kind == "people":
            for path, meta, body, line in reading.documents(paths):
                person = _collection_person(reading, path, meta, body, line, config, name)
                if person is not None:
                    plan.people.append(person)
        elif kind == "news":
            read_posts(reading, folder, config, collection=name, paths=paths)
        elif kind == "project":
            for path, meta, body, line in reading.documents(paths):
                title = frontmatter.text(meta.get("title") or meta.get("name"))
                if not title:
                    plan.skip(path, 1, "a project without a title")
                    continue
                url = jekyll_url(path, meta, config, name)
                reading.add_page(
                    "project",
                    title,
                    path,
                    summary=reading.plain(
                        path, meta.get("description") or meta.get("excerpt") or ""
                    )[:600],
                    body=reading.body(path, body, line, meta, url),
                    old_urls=[url],
                    image=reading.image(path, meta.get("image") or meta.get("img") or ""),
                )
        else:
            reading.seen.update(paths)
            plan.skip(
                folder + "/",
                0,
                f"{len(paths)} files of the site's own collection '{name}' were not imported: "
                "labsite does not know what they hold; copy what you need into pages after",
            )


def _collection_person(reading, path, meta, body, line, config, collection) -> PersonItem | None:
    """One member's file in a collection the site added (_team/, _members/ on al-folio):
    the usual front-matter names for a person's name, role, photo and contact."""
    name = frontmatter.text(meta.get("name") or meta.get("title"))
    name = re.sub(
        r",\s*(dr|ph\.?d|m\.?sc|msc|mph|m\.?tech|m\.?a|b\.?sc)\b.*$", "", name, flags=re.I
    )
    if not name or not looks_like_a_person(clean_name(name)):
        reading.plan.skip(path, 1, "a member's file without a person's name: add 'name:'")
        return None
    role = frontmatter.text(
        meta.get("role") or meta.get("position") or meta.get("category") or meta.get("group")
    )
    url = jekyll_url(path, meta, config, collection)
    return new_person(
        reading,
        name,
        path,
        role=(role[:1].upper() + role[1:80]).strip() if role else "Member",
        short_bio=frontmatter.text(meta.get("description") or meta.get("bio"))[:400],
        body=reading.body(path, body, line, meta, url),
        email=_email(meta.get("email") or meta.get("contact")),
        website=frontmatter.text(meta.get("website") or meta.get("homepage"))[:200],
        former=meta.get("current") is False
        or bool(re.search(r"alum|former|past", role or "", re.I)),
        photo=reading.image(
            path,
            meta.get("image") or meta.get("photo") or meta.get("img") or meta.get("avatar") or "",
            name,
            folder="assets/img",
        ),
        old_urls=[url],
    )


_NOT_A_PERSON = re.compile(
    r"\b(lab|labs|laboratory|group|team|center|centre|institute|research|project|"
    r"initiative|consortium|society|department|school|university|blog|website)\b",
    re.IGNORECASE,
)
#: Folders where lab sites keep one page per member (_pages/people/jane-doe.md).
PEOPLE_FOLDERS = {"people", "team", "members", "member", "group", "lab-members", "students"}


def looks_like_a_person(name: str, site_title: str = "") -> bool:
    """False for a lab's name put where a theme expects its owner's ('C³ lab', 'Smith Lab')."""
    words = name.split()
    if not 2 <= len(words) <= 6 or _NOT_A_PERSON.search(name) or re.search(r"\d", name):
        return False
    return name.strip().lower() != site_title.strip().lower()


def _alfolio_team(reading: Reading, config: dict) -> set[str]:
    """People kept as pages: al-folio's ``profiles`` layout (a list of members with photos)
    and one page per member under a people/team folder. Returns the paths read as people."""
    files, plan = reading.files, reading.plan
    used: set[str] = set()
    pages = files.under("_pages")
    for path, meta, body, line in reading.documents(
        [p for p in pages if posixpath.dirname(p).split("/")[-1].lower() in PEOPLE_FOLDERS]
    ):
        used.add(path)
        person = _collection_person(reading, path, meta, body, line, config, "")
        if person is not None:
            plan.people.append(person)
    for path in pages:
        try:
            meta = frontmatter.split(files.read_text(path))[0]
        except (frontmatter.FrontMatterError, SiteFilesError):
            continue  # read_pages reports it
        profiles = meta.get("profiles")
        if not isinstance(profiles, list) or not profiles:
            continue
        used.add(path)
        for entry in profiles:
            if not isinstance(entry, dict) or not frontmatter.text(entry.get("name")):
                continue
            name = frontmatter.text(entry["name"])
            info = frontmatter.text(entry.get("more_info"))
            lines = [
                t.strip()
                for t in re.split(r"</p>|<br\s*/?>|\n", re.sub(r"<(?!/p|br)[^>]+>", "", info))
                if t.strip() and "@" not in t
            ]
            email = re.search(r"mailto:([^\"'>\s]+)", info)
            person = new_person(
                reading,
                name,
                path,
                role=re.sub(r"<[^>]+>", "", lines[0])[:100] if lines else "Member",
                email=email.group(1) if email else "",
                photo=reading.image(path, entry.get("image") or "", name, folder="assets/img"),
            )
            content = frontmatter.text(entry.get("content"))
            if content and f"_pages/{content}" in files:
                read = reading.read(f"_pages/{content}")
                used.add(f"_pages/{content}")
                if read:
                    bio_meta, bio, bio_line = read
                    person.body = reading.body(f"_pages/{content}", bio, bio_line, bio_meta)
            plan.people.append(person)
    return used


# --- academicpages ----------------------------------------------------------------------------


def read_academicpages(reading: Reading) -> None:
    files, plan = reading.files, reading.plan
    config = load_config(reading)
    _site(reading, config)
    reading.image_roots = ("", "images")
    author = config.get("author") if isinstance(config.get("author"), dict) else {}
    owner = None
    name = re.sub(
        r"<[^>]+>", "", frontmatter.text(author.get("name") or config.get("name"))
    ).strip()
    if name:
        scholar = frontmatter.text(author.get("googlescholar"))
        github = frontmatter.text(author.get("github"))
        owner = _owner(
            reading,
            name,
            "_config.yml",
            short_bio=frontmatter.text(author.get("bio"))[:400],
            email=frontmatter.text(author.get("email")),
            orcid=frontmatter.text(author.get("orcid")).rsplit("/", 1)[-1],
            google_scholar=scholar if scholar.startswith("http") else "",
            github=f"https://github.com/{github}"
            if github and not github.startswith("http")
            else github,
            photo=reading.image("_config.yml", author.get("avatar") or "", name, folder="images"),
        )
        employer = frontmatter.text(author.get("employer"))
        if employer:
            owner.positions.append({"title": "", "organisation": employer})
    owner_name = owner.name if owner else (plan.title or "the site's author")
    for path, meta, body, _line in reading.documents(files.under("_publications")):
        plan.publications.append(
            PublicationItem(
                draft=_academicpages_publication(reading, path, meta, body, owner_name),
                source=path,
                old_urls=[jekyll_url(path, meta, config, "publication")],
            )
        )
    for path, meta, body, _line in reading.documents(files.under("_talks")):
        title, date = frontmatter.text(meta.get("title")), frontmatter.as_date(meta.get("date"))
        if not title or not date:
            plan.skip(path, 1, "a talk needs a title and a date in its front matter")
            continue
        url = jekyll_url(path, meta, config, "talks")
        kind = frontmatter.text(meta.get("type"))
        reading.add_page(
            "talk",
            title,
            path,
            date=date,
            summary=reading.plain(path, body)[:2000],
            old_urls=[url],
            extra={
                "kind": _talk_kind(kind),
                "event": frontmatter.text(meta.get("venue")),
                "location": frontmatter.text(meta.get("location")),
                "slides_url": frontmatter.text(meta.get("slidesurl") or meta.get("talkurl")),
            },
            people=[owner.slug] if owner else [],
        )
    for path, meta, body, line in reading.documents(files.under("_teaching")):
        if not frontmatter.text(meta.get("title")):
            plan.skip(path, 1, "no title in its front matter")
            continue
        url = jekyll_url(path, meta, config, "teaching")
        course = courses.academicpages_course(meta, body)
        date = frontmatter.as_date(meta.get("date"))
        if date is None:
            plan.warn(path, 1, "no date: the course is filed under this year; correct it after")
        reading.add_page(
            "course",
            course.pop("title"),
            path,
            summary=reading.plain(path, meta.get("excerpt") or "")[:500],
            body=reading.body(path, body, line, meta, url),
            old_urls=[url],
            date=date,
            extra=course,
            people=[owner.slug] if owner else [],
        )
    # _portfolio is the template's; sites add their own _projects collection.
    for path, meta, body, line in reading.documents(
        files.under("_portfolio") + files.under("_projects")
    ):
        title = frontmatter.text(meta.get("title") or meta.get("name"))
        if not title:
            plan.skip(path, 1, "no title in its front matter")
            continue
        url = jekyll_url(path, meta, config, path.split("/", 1)[0].lstrip("_"))
        reading.add_page(
            "project",
            title,
            path,
            summary=reading.plain(path, meta.get("excerpt") or "")[:600],
            body=reading.body(path, body, line, meta, url),
            old_urls=[url],
            date=frontmatter.as_date(meta.get("date")),
        )
    read_posts(reading, "_posts", config)
    about = [p for p in files.under("_pages") if posixpath.basename(p) == "about.md"]
    if owner and about:
        read = reading.read(about[0])
        if read:
            meta, body, line = read
            owner.body = reading.body(about[0], body, line, meta, "/")
            owner.old_urls.append(jekyll_url(about[0], meta, config))
    read_pages(reading, [p for p in files.under("_pages") if p not in about or not owner], config)
    read_other_collections(reading, config)


def _academicpages_publication(reading, path, meta, body, owner_name) -> EntryDraft:
    draft = EntryDraft(key=posixpath.splitext(posixpath.basename(path))[0], line=1)
    draft.title = frontmatter.text(meta.get("title"))
    date = frontmatter.as_date(meta.get("date"))
    draft.year = date.year if date else None
    draft.month = date.month if date and not isinstance(meta.get("date"), int) else None
    draft.venue = reading.plain(path, meta.get("venue") or "")[:300]
    draft.abstract = reading.plain(path, body) or reading.plain(path, meta.get("excerpt") or "")
    if not draft.title:
        draft.errors.append("it has no title: add 'title:' to its front matter")
    if draft.year is None:
        draft.errors.append("it has no date: add 'date: 2023-01-01' to its front matter")
    for field, kind in (("paperurl", "pdf"), ("slidesurl", "slides"), ("codeurl", "code")):
        url = frontmatter.text(meta.get(field))
        if url.startswith(("http://", "https://")):
            draft.links.append((kind, url))
    citation = reading.plain(path, meta.get("citation") or "")
    names = re.split(r"\s*\(\d{4}\)", citation)[0] if re.search(r"\(\d{4}\)", citation) else ""
    # Many sites give the authors in front matter (a list, or one line) instead of a citation.
    listed = meta.get("authors") or meta.get("author")
    if isinstance(listed, list):
        names = ", ".join(frontmatter.text(n) for n in listed)
    elif listed:
        names = reading.plain(path, listed)
    authors = [
        n.strip().strip("*").strip()
        for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|&|;", names)
        if n.strip().strip("*").strip()
    ]
    if authors:
        draft.authors = [AuthorDraft(bibtex_name=n, display_name=n) for n in authors[:100]]
    else:
        draft.authors = [AuthorDraft(bibtex_name=owner_name, display_name=owner_name)]
        draft.notices.append(
            f"no authors found in 'citation': {owner_name} is entered; add the others in the editor"
        )
    doi = re.search(r"10\.\d{4,9}/[^\s\"'<>]+", " ".join(str(v) for v in meta.values()))
    if doi:
        draft.doi = doi.group(0).rstrip(".,;")
    return draft


# --- the Greene Lab template ------------------------------------------------------------------


GREENE_ROLES = {
    "principal-investigator": "Principal investigator",
    "pi": "Principal investigator",
    "postdoc": "Postdoctoral researcher",
    "phd": "PhD student",
    "masters": "Master's student",
    "undergrad": "Undergraduate student",
    "programmer": "Research software engineer",
    "technician": "Technician",
}


def read_greenelab(reading: Reading) -> None:
    files, plan = reading.files, reading.plan
    config = load_config(reading)
    _site(reading, config)
    reading.image_roots = ("",)
    for path, meta, body, line in reading.documents(files.under("_members")):
        name = frontmatter.text(meta.get("name"))
        if not name:
            plan.skip(path, 1, "a member without a name: add 'name:' to the front matter")
            continue
        links = meta.get("links") if isinstance(meta.get("links"), dict) else {}
        github = frontmatter.text(links.get("github"))
        scholar = frontmatter.text(links.get("google-scholar"))
        role = frontmatter.text(meta.get("role"))
        slug = posixpath.splitext(posixpath.basename(path))[0]
        plan.people.append(
            PersonItem(
                slug=reading.slug("person", clean_name(name)),
                name=clean_name(name),
                source=path,
                given_names=split_name(name)[0],
                family_name=split_name(name)[1],
                role=GREENE_ROLES.get(role, role.replace("-", " ").capitalize() or "Member"),
                body=reading.body(path, body, line, meta),
                aliases=[str(a) for a in frontmatter.as_list(meta.get("aliases"))],
                email=frontmatter.text(links.get("email")),
                website=frontmatter.text(links.get("home-page")),
                orcid=frontmatter.text(links.get("orcid")),
                github=github
                if github.startswith("http") or not github
                else f"https://github.com/{github}",
                google_scholar=scholar
                if scholar.startswith("http") or not scholar
                else f"https://scholar.google.com/citations?user={scholar}",
                former=frontmatter.text(meta.get("group")).lower() in ("alum", "alumni", "former"),
                photo=reading.image(path, meta.get("image") or "", name, folder=""),
                old_urls=[jekyll_url(path, meta, config, "members")],
                keys=[slug],
            )
        )
    if "_data/citations.yaml" in files:
        _greene_citations(reading)
    if "_data/projects.yaml" in files:
        try:
            projects = (
                frontmatter.load_yaml(files.read_text("_data/projects.yaml"), "projects.yaml") or []
            )
        except frontmatter.FrontMatterError as error:
            plan.skip("_data/projects.yaml", error.line, str(error))
            projects = []
        for number, project in enumerate(projects, start=1):
            if not isinstance(project, dict) or not project.get("title"):
                plan.skip("_data/projects.yaml", 0, f"project {number} has no title")
                continue
            title = frontmatter.text(project["title"])
            body_text = frontmatter.text(project.get("description"))
            link = frontmatter.text(project.get("link"))
            if link:
                body_text += f"\n\n[{title}]({link})"
            if project.get("repo"):
                body_text += f"\n\n[Code](https://github.com/{project['repo']})"
            plan.pages.append(
                PageItem(
                    kind="project",
                    title=title[:255],
                    slug=reading.slug("project", title),
                    source="_data/projects.yaml",
                    summary=frontmatter.text(project.get("subtitle"))[:600],
                    body=reading.body("_data/projects.yaml", body_text, 1, project),
                    image=reading.image(
                        "_data/projects.yaml", project.get("image") or "", title, folder=""
                    ),
                    tags=[str(t) for t in frontmatter.as_list(project.get("tags"))],
                )
            )
    read_posts(reading, "_posts", config)
    pages = [
        p
        for p in files.all()
        if p.endswith(".md")
        and not p.startswith("_")
        and posixpath.basename(p).lower()
        not in ("readme.md", "changelog.md", "license.md", "404.md", "testbed.md")
    ]
    read_pages(reading, pages, config)
    read_other_collections(reading, config)


def _greene_citations(reading: Reading) -> None:
    path = "_data/citations.yaml"
    try:
        entries = frontmatter.load_yaml(reading.files.read_text(path), "citations.yaml") or []
    except frontmatter.FrontMatterError as error:
        reading.plan.skip(path, error.line, str(error))
        return
    text = reading.files.read_text(path)
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            continue
        ident = frontmatter.text(entry.get("id"))
        position = text.find(f"id: {ident}") if ident else -1
        line = text.count("\n", 0, position) + 1 if position >= 0 else 0
        draft = EntryDraft(key=ident or f"citation-{number}", line=line)
        draft.title = " ".join(frontmatter.text(entry.get("title")).split())
        date = frontmatter.as_date(entry.get("date"))
        draft.year, draft.month = (date.year, date.month) if date else (None, None)
        draft.venue = frontmatter.text(entry.get("publisher"))[:300]
        if ident.lower().startswith("doi:"):
            draft.doi = ident[4:]
        elif ident.lower().startswith("arxiv:"):
            draft.arxiv_id = ident[6:]
        names = [" ".join(str(a).split()) for a in frontmatter.as_list(entry.get("authors"))]
        names = [n for n in names if n and n.lower() not in ("none", "null")]
        draft.authors = [AuthorDraft(bibtex_name=n, display_name=n) for n in names]
        if not draft.title:
            draft.errors.append(
                "it has no title (the template's cite step did not fill it in); add it by DOI instead"
            )
        if not draft.authors:
            draft.errors.append("it lists no authors")
        if draft.year is None:
            draft.errors.append("it has no date")
        link = frontmatter.text(entry.get("link"))
        if link.startswith("http") and "doi.org" not in link:
            draft.links.append(("publisher", link))
        for button in entry.get("buttons") or []:
            if isinstance(button, dict) and str(button.get("link", "")).startswith("http"):
                kind = {
                    "source": "code",
                    "github": "code",
                    "website": "project",
                    "manubot": "project",
                    "data": "data",
                    "slides": "slides",
                    "video": "video",
                    "poster": "poster",
                }.get(str(button.get("type")), "project")
                draft.links.append((kind, button["link"]))
        draft.keywords = [str(t) for t in frontmatter.as_list(entry.get("tags"))][:20]
        draft.abstract = reading.plain(path, entry.get("description") or "")
        reading.plan.publications.append(PublicationItem(draft=draft, source=path))


# --- hand-written pages -----------------------------------------------------------------------


#: Files every repository has that are not pages of the site (GitHub Pages leaves them out).
REPOSITORY_FILES = {
    "readme",
    "license",
    "licence",
    "404",
    "code_of_conduct",
    "contributing",
    "changelog",
    "history",
    "security",
    "issue_template",
    "pull_request_template",
    "authors",
}


def read_handwritten(reading: Reading) -> None:
    files, plan = reading.files, reading.plan
    config = load_config(reading)
    _site(reading, config)
    reading.image_roots = ("", "images", "pics", "assets/img")
    owner_name = (
        frontmatter.text(config.get("author") if isinstance(config.get("author"), str) else "")
        or frontmatter.text(config.get("name"))
        or plan.title
    )
    owner = None
    if owner_name and (owner_name != plan.title or looks_like_a_person(owner_name)):
        owner = _owner(reading, owner_name, "_config.yml", email=_email(config.get("email")))
    elif owner_name:
        plan.skip("_config.yml", 1, f"'{owner_name}' is the site's title, not a person's name")
    posts = {}
    for path in files.under("_posts"):
        read = reading.read(path)
        if read:
            posts[posixpath.splitext(posixpath.basename(path))[0]] = jekyll_url(
                path, read[0], config, "posts"
            )
    reading.url_of = lambda target: (
        posts.get(target) or posts.get(posixpath.splitext(posixpath.basename(target))[0])
    )
    read_posts(reading, "_posts", config)
    excluded = [str(e).strip("/") for e in frontmatter.as_list(config.get("exclude"))]
    pages = [
        p
        for p in files.all()
        if p.endswith((".md", ".markdown"))
        and (not p.startswith("_") or p.startswith("_pages/"))
        and not any(part.startswith(".") for part in p.split("/"))
        and posixpath.splitext(posixpath.basename(p))[0].lower() not in REPOSITORY_FILES
        and not any(fnmatch.fnmatch(p, e) or p.startswith(e + "/") for e in excluded if e)
    ]
    plain_pages = []
    for path, meta, body, line in reading.documents(pages):
        if _has_reference_list(body) or _is_research_page(path, meta, body):
            _research_page(reading, path, meta, body, line, config, owner_name, owner)
        else:
            plain_pages.append(path)
    read_pages(reading, plain_pages, config)


def _email(value) -> str:
    text = frontmatter.text(value).replace(" _ at _ ", "@").replace(" at ", "@").replace(" ", "")
    return text if re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", text) else ""


def _has_reference_list(body: str) -> bool:
    return any(
        re.search(r"paper|publication", name, re.I)
        for name, _line, _text in reference_lists.sections(body)
    )


def _is_research_page(path: str, meta: dict, body: str) -> bool:
    """A page about the group's research with '##' sections: each section is a theme."""
    about = " ".join([path, str(meta.get("title", "")), str(meta.get("permalink", ""))]).lower()
    return "research" in about and len(re.findall(r"^##\s+\S", body, flags=re.MULTILINE)) >= 2


def _research_page(reading, path, meta, body, first_line, config, owner_name, owner) -> None:
    """A research page: its reference list becomes publications, its talks list activities,
    its '##' sections research themes; the rest stays a standard page."""
    plan = reading.plan
    url = jekyll_url(path, meta, config)
    title = frontmatter.text(meta.get("title")) or "Research"
    rest: list[str] = []
    context = reading.context(path, first_line, meta, url)
    for name, line, text in reference_lists.sections(body):
        start = first_line + line  # the section's text starts on the line after its heading
        if re.search(r"paper|publication", name, re.I):
            cleaned = markup.resolve(text, context)
            for paragraph, at in reference_lists.paragraphs(cleaned, start):
                draft = reference_lists.parse_entry(
                    paragraph, at, owner_name, f"{posixpath.basename(path)}:{at}"
                )
                if draft is None:
                    plan.warn(
                        path,
                        at,
                        "a paragraph of the publication list was not read as a reference; add it in the editor if it is one",
                    )
                    continue
                plan.publications.append(PublicationItem(draft=draft, source=path))
        elif re.search(r"talk|engagement|presentation", name, re.I):
            cleaned = markup.resolve(text, context)
            for row_number, row in enumerate(cleaned.split("\n"), start=start):
                item = re.sub(r"^\s*[-*]\s+", "", row).strip()
                year = re.search(r"\b(19[5-9]\d|20\d\d)\b", item)
                if not row.strip().startswith(("-", "*")) or not item:
                    continue
                if not year:
                    plan.warn(
                        path,
                        row_number,
                        f"the talk '{item[:60]}' has no year and was kept in the page text",
                    )
                    rest.append(row)
                    continue
                words = [w.strip() for w in re.sub(r"<[^>]+>|\[|\]\([^)]*\)", "", item).split(",")]
                kind_text = words[0]
                event = (
                    ", ".join(w for w in words[1:] if not re.fullmatch(r"(19|20)\d\d\.?", w))
                    or kind_text
                )
                plan.pages.append(
                    PageItem(
                        kind="talk",
                        title=first_words(event.rstrip("."), 16)[:255],
                        slug=reading.slug("talk", f"{event}-{year.group(1)}"),
                        source=path,
                        date=frontmatter.as_date(int(year.group(1))),
                        extra={
                            "kind": _talk_kind(kind_text),
                            "event": event.rstrip(".")[:255],
                            "year_only": True,
                        },
                        people=[owner.slug] if owner else [],
                    )
                )
        elif line > 1 and body.split("\n")[line - 1].lstrip().startswith("#"):
            reading.add_page(
                "theme",
                name,
                path,
                body=reading.body(path, text, start, meta, url),
                summary=reading.plain(path, text.split("\n\n")[0])[:600],
            )
        else:
            if name:
                rest.append(f"\n\n**{name}**\n\n")
            rest.append(text)
    remaining = "\n".join(rest)
    if not markup.plain(remaining, context).strip():
        # Everything went into themes, publications or talks: the old address leads to the
        # list of themes.
        if plan.pages_of("theme"):
            plan.index_urls.append(("theme", url))
        return
    reading.add_page(
        "page",
        title,
        path,
        body=reading.body(path, remaining, first_line, meta, url),
        old_urls=[url],
    )
