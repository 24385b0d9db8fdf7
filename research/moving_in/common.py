"""Helpers every reader shares: reading a markdown file into a body, names, slugs, URLs."""

import posixpath
import re

from django.utils import timezone
from django.utils.text import slugify

from research.moving_in import frontmatter, markup, unpublished
from research.moving_in.files import SiteFiles, SiteFilesError
from research.moving_in.plan import ImageRef, PageItem, PersonItem, Plan

#: Top-level addresses labsite answers itself (labsite/urls.py): a page of the old site
#: with one of these slugs would be hidden behind them.
RESERVED_SLUGS = {
    "admin",
    "django-admin",
    "documents",
    "api",
    "search",
    "subscribe",
    "subscriptions",
    "static",
    "media",
    "accounts",
    "login",
    "logout",
    "feeds",
    "sitemap-xml",
    "robots-txt",
}


class Reading:
    """One import's state while its files are read: the plan and the names already taken."""

    def __init__(
        self, files: SiteFiles, plan: Plan, site: dict | None = None, keep_examples: bool = False
    ):
        self.files = files
        self.plan = plan
        self.site = site or {}
        self.existing = frozenset(files.all())
        self.slugs: dict[str, set[str]] = {}
        self.citations: dict[str, str] = {}
        self.url_of = None
        self.image_roots: tuple[str, ...] = ("",)
        self.today = timezone.localdate()
        self.keep_examples = keep_examples
        #: Every file handed to a reader (read or reported), so that what no reader took can
        #: be found and reported instead of silently left behind.
        self.seen: set[str] = set()

    def slug(self, kind: str, text: str) -> str:
        taken = self.slugs.setdefault(kind, set())
        base = slugify(text)[:60].strip("-") or kind
        if kind == "page" and base in RESERVED_SLUGS:
            # /admin/, /search/… are labsite's own addresses: the page lives beside them.
            base = f"{base}-page"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    def read(self, path: str) -> tuple[dict, str, int] | None:
        """(front matter, body, first body line), or None with the reason in the plan."""
        try:
            return frontmatter.split(self.files.read_text(path))
        except frontmatter.FrontMatterError as error:
            self.plan.skip(path, error.line, f"not imported: {error}")
        except SiteFilesError as error:
            self.plan.skip(path, 0, f"not imported: {error}")
        return None

    def add_page(self, kind: str, title: str, source: str, **fields) -> PageItem:
        """A page of the plan, its title cut to fit and its slug unique among its kind."""
        page = PageItem(
            kind=kind, title=title[:255], slug=self.slug(kind, title), source=source, **fields
        )
        self.plan.pages.append(page)
        return page

    def documents(self, paths):
        """(path, front matter, body, first body line) of each file the old site published;
        the others (unreadable, drafts, the theme's examples…) are reported in the plan."""
        for path in paths:
            self.seen.add(path)
            read = self.read(path)
            if read is None:
                continue
            meta, body, _line = read
            hidden = unpublished.reason(
                self.plan.site_format,
                path,
                meta,
                body,
                self.site,
                self.today,
                examples=not self.keep_examples,
            )
            if hidden:
                self.plan.skip(path, 1, f"not imported: {hidden}")
                continue
            yield (path, *read)

    def context(self, path: str, first_line: int, meta: dict, url: str = "/"):
        return markup.Context(
            plan=self.plan,
            path=path,
            first_line=first_line,
            site=self.site,
            page=meta,
            folder=posixpath.dirname(path),
            image_roots=self.image_roots,
            existing=self.existing,
            url_of=self.url_of,
            citations=self.citations,
            url=url,
        )

    def body(self, path: str, text: str, first_line: int, meta: dict, url: str = "/"):
        return markup.convert(text, self.context(path, first_line, meta, url))

    def plain(self, path: str, text: str, meta: dict | None = None) -> str:
        return markup.plain(str(text or ""), self.context(path, 1, meta or {}))

    def image(self, path: str, src: str, alt: str = "", folder: str | None = None):
        """An image named by a front-matter field ('hbai.png', 'images/photo.jpg')."""
        if not src:
            return None
        src = str(src).strip()
        if src.startswith(("http://", "https://")):
            self.plan.warn(path, 0, f"the image {src[:100]} is on another site and was not copied")
            return None
        base = posixpath.dirname(path) if folder is None else folder
        for candidate in (
            posixpath.normpath(posixpath.join(base, src)),
            *(posixpath.join(root, src.lstrip("/")) for root in self.image_roots),
        ):
            candidate = candidate.lstrip("/")
            if candidate in self.existing:
                return ImageRef(candidate, alt)
        self.plan.warn(path, 0, f"the image '{src}' is not among the site's files")
        return None


def new_person(reading: Reading, name: str, source: str, **fields) -> PersonItem:
    """A person of the plan: the name cleaned, split into given and family names, and given a
    slug no other person of this import has."""
    given, family = split_name(name)
    return PersonItem(
        slug=reading.slug("person", clean_name(name)),
        name=clean_name(name),
        source=source,
        given_names=given,
        family_name=family,
        **fields,
    )


def split_name(name: str) -> tuple[str, str]:
    """('Jane Q.', 'Smith') from 'Dr. Jane Q. Smith' or 'Smith, Jane Q.'."""
    name = re.sub(
        r"^((dr|prof|professor|mr|ms|mrs)\.?(-ing\.?)?\s+)+", "", name.strip(), flags=re.IGNORECASE
    )
    if "," in name:
        family, _sep, given = name.partition(",")
        return given.strip(), family.strip()
    words = name.split()
    if len(words) == 1:
        return "", words[0]
    return " ".join(words[:-1]), words[-1]


def clean_name(name: str) -> str:
    given, family = split_name(name)
    return f"{given} {family}".strip()


def first_words(text: str, limit: int = 12) -> str:
    words = text.split()
    title = " ".join(words[:limit])
    return title + ("…" if len(words) > limit else "")


def jekyll_url(path: str, meta: dict, config: dict, collection: str = "") -> str:
    """The address the old Jekyll site served a file at, for a redirect to its new page."""
    permalink = meta.get("permalink")
    name = posixpath.splitext(posixpath.basename(path))[0]
    if permalink:
        return "/" + str(permalink).strip().lstrip("/")
    if collection == "posts":
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})-(.+)", name)
        if match:
            year, month, day, title = match.groups()
            pattern = str(
                config.get("permalink") or "/:categories/:year/:month/:day/:title:output_ext"
            )
            if pattern == "pretty":
                pattern = "/:categories/:year/:month/:day/:title/"
            categories = meta.get("categories") or meta.get("category") or ""
            if isinstance(categories, str):
                categories = categories.split()
            url = (
                pattern.replace(":categories", "/".join(str(c) for c in categories))
                .replace(":year", year)
                .replace(":month", month)
                .replace(":i_month", str(int(month)))
                .replace(":day", day)
                .replace(":title", title)
                .replace(":slug", title)
                .replace(":output_ext", ".html")
            )
            return re.sub(r"/+", "/", url)
    collections = config.get("collections")
    declared = collections.get(collection) if isinstance(collections, dict) else None
    if isinstance(declared, dict) and declared.get("permalink"):
        # The collection's own pattern (al-folio: /projects/:path/), Jekyll's placeholders.
        inner = posixpath.splitext(path.split("/", 1)[1] if "/" in path else name)[0]
        url = (
            str(declared["permalink"])
            .replace(":collection", collection)
            .replace(":path", inner)
            .replace(":name", name)
            .replace(":title", slugify(name) or name)
            .replace(":slug", slugify(name) or name)
            .replace(":output_ext", ".html")
        )
        return "/" + re.sub(r"/+", "/", url).lstrip("/")
    if collection:
        folder = posixpath.dirname(path)
        inner = folder.split("/", 1)[1] + "/" if "/" in folder else ""
        return (
            f"/{collection}/{inner}{name}/"
            if config.get("permalink") == "pretty"
            else f"/{collection}/{inner}{name}.html"
        )
    if name in ("index", "README"):
        folder = posixpath.dirname(path)
        return "/" + (folder + "/" if folder else "")
    return (
        "/"
        + posixpath.splitext(path)[0]
        + ("/" if config.get("permalink") == "pretty" else ".html")
    )
