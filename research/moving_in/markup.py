"""Markdown as the old site wrote it (with Liquid tags, Hugo shortcodes, raw HTML and comments)
turned into labsite's StreamField blocks.

Known tags are resolved (``{{ site.baseurl }}``, ``{% link %}``, ``{% post_url %}``, figures,
``{% cite %}``, callouts); everything else is removed and reported with its line, and text an
author hid in an HTML comment is reported, never published.
"""

import html
import posixpath
import re
import shlex
from dataclasses import dataclass, field

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt

from research.moving_in.plan import Body, ImageRef, Plan

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(
    ["table", "strikethrough"]
)

# Liquid includes that only draw the old theme's furniture or lists labsite builds itself.
KNOWN_INCLUDES = {
    "section",
    "search-box",
    "search-info",
    "icon",
    "list",
    "citation",
    "portrait",
    "cite",
    "bib_search",
    "selected_papers",
    "news",
    "latest_posts",
    "social",
    "projects",
    "projects_horizontal",
    "repository/repo",
    "repository/repo_user",
    "tags",
    "float",
    "grid",
    "alert",
}
KNOWN_SHORTCODES = {"icon", "toc", "gallery", "mention", "hl", "spoiler", "list_children"}
ALLOWED_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "sup", "sub", "br"}
RENAMED_TAGS = {"strong": "b", "em": "i", "s": "i", "del": "i", "code": None, "kbd": None}


@dataclass
class Context:
    """Where the text comes from and what it may refer to."""

    plan: Plan
    path: str
    first_line: int = 1
    site: dict = field(default_factory=dict)
    page: dict = field(default_factory=dict)
    #: Folder that relative image paths start from, and the folder of absolute ones ('').
    folder: str = ""
    image_roots: tuple[str, ...] = ("", "static", "assets/media")
    existing: frozenset = frozenset()
    #: Old URL of another file of the site ('_posts/2021-...md' or a post name), for {% link %}.
    url_of: object = None
    #: Citation keys of the site's BibTeX, for {% cite key %}: key -> title.
    citations: dict = field(default_factory=dict)
    #: The old page's own URL, to resolve relative links.
    url: str = "/"
    #: The text being converted, as written, for line numbers.
    original: str = ""

    def line(self, text: str, position: int) -> int:
        return self.first_line + text.count("\n", 0, position)

    def warn(self, text: str, position: int, message: str) -> None:
        self.plan.warn(self.path, self.line(text, position), message)

    def warn_at(self, snippet: str, message: str) -> None:
        """A warning at the first line of the original text that holds ``snippet``."""
        position = self.original.find(snippet) if snippet else -1
        line = self.line(self.original, position) if position >= 0 else self.first_line
        self.plan.warn(self.path, line, message)


def _keep_lines(replacement: str, removed: str) -> str:
    """Replacements keep the number of lines, so later line numbers stay right."""
    return replacement + "\n" * max(0, removed.count("\n") - replacement.count("\n"))


def _args(text: str) -> dict[str, str]:
    try:
        parts = shlex.split(text)
    except ValueError:
        parts = text.split()
    found = {}
    for position, part in enumerate(parts):
        if "=" in part:
            name, _sep, value = part.partition("=")
            found[name.strip()] = value.strip()
        else:
            found[str(position)] = part
    return found


def hidden_comments(text: str, context: Context) -> str:
    def replace(match):
        inner = match.group(1).strip("-").strip()
        if inner and inner.lower() != "more":
            lines = inner.count("\n") + 1
            preview = " ".join(inner.split())[:70]
            context.warn(
                text,
                match.start(),
                f"hidden text (an HTML comment, {lines} line{'s' if lines > 1 else ''}) was "
                f"not imported: '{preview}…'. Add it in the editor if it should be shown.",
            )
        return _keep_lines("", match.group(0))

    text = re.sub(r"<!--(.*?)-->", replace, text, flags=re.DOTALL)
    unclosed = text.find("<!--")
    if unclosed != -1:
        context.warn(
            text, unclosed, "an HTML comment is never closed: the text after it was not imported"
        )
        text = text[:unclosed]
    return text


def _image_markdown(path: str, alt: str, caption: str = "") -> str:
    title = f' "{caption}"' if caption else ""
    return f"\n\n![{alt}]({path}{title})\n\n"


def hugo_shortcodes(text: str, context: Context) -> str:
    def replace(match):
        closing, name, args = match.group(2), match.group(3), match.group(4) or ""
        values = _args(args)
        if closing:
            return ""
        if name == "figure":
            src = values.get("src", values.get("library", ""))
            return _image_markdown(
                src, values.get("alt", values.get("caption", "")), values.get("caption", "")
            )
        if name in ("callout", "alert", "notice"):
            return ""
        if name == "cta":
            return f"[{values.get('cta_text', 'More')}]({values.get('cta_link', '/')})"
        if name == "cite":
            page = values.get("page", "")
            return f"[{page.rstrip('/').rsplit('/', 1)[-1].replace('-', ' ')}]({page})"
        if name == "youtube":
            video = values.get("id", values.get("0", ""))
            return f"[Video](https://www.youtube.com/watch?v={video})"
        if name in ("staticref", "ref", "relref"):
            return values.get("0", "")
        if name in KNOWN_SHORTCODES:
            return ""
        context.warn(
            text,
            match.start(),
            f"the Hugo shortcode '{name}' is not known here and was left out; add what it "
            "showed in the editor",
        )
        return ""

    return re.sub(
        r"\{\{(<|%)\s*(/?)\s*([\w\-/.]+)([^}]*?)\s*(>|%)\}\}",
        replace,
        text,
    )


def liquid(text: str, context: Context) -> str:
    text = re.sub(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", r"\1", text, flags=re.DOTALL)
    loops = []

    def tag(match):
        body = match.group(1).strip()
        name, _sep, rest = body.partition(" ")
        if name == "include" or name == "include_relative":
            file, *more = rest.split(None, 1)
            args = more[0] if more else ""
            include = re.sub(r"\.(html|liquid)$", "", file)
            values = _args(args)
            if include in ("figure", "image"):
                path = values.get("path", values.get("src", "")).replace("{{ site.baseurl }}", "")
                alt = values.get("alt", values.get("title", ""))
                return _keep_lines(
                    _image_markdown(path, alt, values.get("caption", "")), match.group(0)
                )
            if include in ("button", "link"):
                link = values.get("link", values.get("url", ""))
                words = values.get("text", values.get("tooltip", "")) or link
                return f"[{words}]({link})" if link else ""
            if include in ("video", "youtube"):
                return f"[Video]({values.get('path', values.get('url', ''))})"
            if include in KNOWN_INCLUDES:
                return _keep_lines("", match.group(0))
            context.warn(
                text,
                match.start(),
                f"the Liquid include '{file}' is not known here and was left out",
            )
            return _keep_lines("", match.group(0))
        if name in ("link", "post_url"):
            target = rest.strip()
            url = context.url_of(target) if context.url_of else None
            if not url:
                context.warn(text, match.start(), f"the link to '{target}' points to no file here")
                return "#"
            return url
        if name == "cite":
            key = rest.strip().split()[0] if rest.strip() else ""
            title = context.citations.get(key)
            if title is None:
                context.warn(text, match.start(), f"'{{% cite {key} %}}' names no BibTeX entry")
                return key
            return f"“{title}”"
        if name in ("for", "tablerow"):
            loops.append(match.start())
        if name in (
            "if",
            "elsif",
            "else",
            "endif",
            "unless",
            "endunless",
            "for",
            "endfor",
            "assign",
            "capture",
            "endcapture",
            "case",
            "when",
            "endcase",
            "comment",
            "endcomment",
            "tablerow",
            "endtablerow",
            "bibliography",
            "bibliography_count",
            "details",
            "enddetails",
        ):
            return _keep_lines("", match.group(0))
        context.warn(
            text, match.start(), f"the Liquid tag '{name}' is not known here and was left out"
        )
        return _keep_lines("", match.group(0))

    text = re.sub(r"\{%-?(.*?)-?%\}", tag, text, flags=re.DOTALL)
    if loops:
        context.warn(
            text,
            loops[0],
            "this page repeats Liquid code over other files (a loop); the files it lists are "
            "imported from their own folders",
        )

    def value(match):
        expression = match.group(1).strip().split("|")[0].strip()
        if expression in ("site.url", "site.baseurl", "site.github.url", "base_path"):
            return ""
        scope, _sep, key = expression.partition(".")
        source = {"site": context.site, "page": context.page}.get(scope)
        if source is not None and isinstance(source.get(key), (str, int, float)):
            return str(source[key])
        if re.fullmatch(r"[\w\-]+(\.[\w\-]+)*\.(io|com|org|net|edu)", expression):
            return ""  # a hand-typed site address standing for the site's root
        context.warn(text, match.start(), f"the Liquid value '{{{{ {expression} }}}}' was left out")
        return ""

    return re.sub(r"\{\{-?(.*?)-?\}\}", value, text)


def resolve(text: str, context: Context) -> str:
    """The text with comments, Liquid and shortcodes resolved or reported; still markdown."""
    text = hidden_comments(text, context)
    text = hugo_shortcodes(text, context)
    text = liquid(text, context)
    # kramdown attribute lists ({: .class}, {:target="_blank"}) only style the old theme.
    text = re.sub(r"\{:[^}\n]*\}", "", text)
    # Jekyll's kramdown reads indented HTML as HTML; CommonMark would make it a code block.
    return re.sub(r"^[ \t]+(?=</?[a-zA-Z])", "", text, flags=re.MULTILINE)


def convert(text: str, context: Context) -> Body:
    body = Body()
    context.original = text
    markdown = resolve(text, context)
    soup = BeautifulSoup(_markdown.render(markdown), "html.parser")
    _walk(soup.contents, context, body, text)
    return body


def plain(text: str, context: Context) -> str:
    """A short field's text (a summary, a bio): markdown and tags read, no formatting kept."""
    markdown = resolve(text, context)
    soup = BeautifulSoup(_markdown.render(markdown), "html.parser")
    return " ".join(soup.get_text(" ").split())


def _image(src: str, alt: str, context: Context, original: str) -> ImageRef | None:
    src = html.unescape(src.strip())
    if not src or src.startswith("data:"):
        return None
    if src.startswith(("http://", "https://", "//")):
        context.warn_at(
            src,
            f"the image {src[:100]} is on another site and was not copied; upload it if you "
            "have the right to",
        )
        return None
    clean = src.split("?")[0].split("#")[0]
    candidates = []
    if clean.startswith("/"):
        candidates = [posixpath.join(root, clean.lstrip("/")) for root in context.image_roots]
    else:
        candidates = [posixpath.normpath(posixpath.join(context.folder, clean))]
        candidates += [posixpath.join(root, clean) for root in context.image_roots]
    for candidate in candidates:
        candidate = candidate.lstrip("/")
        if candidate in context.existing:
            return ImageRef(candidate, alt.strip())
    context.warn_at(
        src,
        f"the image '{src[:100]}' is not among the site's files; upload it and add it in the editor",
    )
    return None


def _sanitise(element: Tag, context: Context) -> str:
    """Rich text as labsite stores it: only the editor's features, links checked. The block
    element itself loses its attributes too, and the result passes nh3's allow-list last, so
    nothing the old site's HTML carried (an event handler, a style) reaches a page."""
    element.attrs = {}
    for node in element.find_all(True):
        name = node.name
        if name in RENAMED_TAGS:
            if RENAMED_TAGS[name] is None:
                node.unwrap()
                continue
            node.name = RENAMED_TAGS[name]
            name = node.name
        if name in ("script", "style", "iframe", "object", "form", "input"):
            node.decompose()
            continue
        if name not in ALLOWED_TAGS:
            node.unwrap()
            continue
        href = node.get("href") if name == "a" else None
        node.attrs = {}
        if name == "a":
            target = _link(href or "", context)
            if target:
                node["href"] = target
            else:
                node.unwrap()
    return nh3.clean(
        str(element),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _link(href: str, context: Context) -> str:
    href = html.unescape(href.strip())
    if href.startswith(("http://", "https://", "mailto:")):
        return href
    if not href or href.startswith(("#", "javascript:", "data:")):
        return ""
    # A link inside the old site: its page is imported with a redirect from this address, so
    # the old address keeps working on the new site.
    path = href if href.startswith("/") else posixpath.join(posixpath.dirname(context.url), href)
    path = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    extension = posixpath.splitext(path.split("#")[0])[1].lower()
    if extension and extension not in (".html", ".htm", ".md", ".markdown"):
        context.warn_at(
            href,
            f"the link to {href[:100]} points to a file of the old site; upload the file as a "
            "document and link it there",
        )
    return path


def _paragraph(body: Body, markup: str) -> None:
    text = BeautifulSoup(markup, "html.parser").get_text().strip()
    if text:
        body.blocks.append(("paragraph", markup))


def _walk(nodes, context: Context, body: Body, original: str) -> None:
    loose: list = []

    def flush():
        if loose:
            holder = BeautifulSoup("<p></p>", "html.parser")
            paragraph = holder.p
            for node in loose:
                paragraph.append(node)
            _paragraph(body, _sanitise(paragraph, context))
            loose.clear()

    for node in list(nodes):
        if isinstance(node, NavigableString):
            if str(node).strip() and type(node) is NavigableString:
                loose.append(NavigableString(str(node)))
            continue
        name = node.name
        if name in ("a", "b", "i", "strong", "em", "span", "font", "sup", "sub", "code", "br"):
            if node.find("img"):
                flush()
                _images_in(node, context, body, original)
            else:
                loose.append(node.extract() if node.parent else node)
            continue
        flush()
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(node.get_text(" ").split())
            if text:
                level = {"h1": "h2", "h2": "h2", "h3": "h3"}.get(name, "h4")
                body.blocks.append(("heading", {"text": text[:120], "level": level}))
        elif name == "p":
            if node.find("img"):
                _images_in(node, context, body, original)
            heading = _bold_heading(node)
            if heading:
                body.blocks.append(("heading", {"text": heading, "level": "h2"}))
            else:
                _paragraph(body, _sanitise(node, context))
        elif name in ("ul", "ol"):
            if node.find("img"):
                _images_in(node, context, body, original)
            _paragraph(body, _sanitise(node, context))
        elif name == "blockquote":
            text = " ".join(node.get_text(" ").split())
            if text:
                body.blocks.append(("quote", {"text": text, "attribution": ""}))
        elif name == "pre":
            code = node.find("code")
            classes = (code.get("class") or []) if code is not None else []
            language = next(
                (c.removeprefix("language-") for c in classes if c.startswith("language-")), ""
            )
            text = node.get_text().strip("\n")
            if text.strip():
                body.blocks.append(("code", {"language": language[:40], "code": text}))
        elif name == "table":
            context.plan.warn(
                context.path,
                context.first_line,
                "a table was kept as lines of text (labsite pages have no tables)",
            )
            for row in node.find_all("tr"):
                cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["td", "th"])]
                if any(cells):
                    _paragraph(body, f"<p>{html.escape(' · '.join(c for c in cells if c))}</p>")
        elif name == "img":
            _images_in(node, context, body, original)
        elif name == "figure" and node.find("img"):
            caption = node.find("figcaption")
            text = " ".join(caption.get_text(" ").split()) if caption else ""
            image = node.find("img")
            if text and not image.get("title"):
                image["title"] = text
            if text and not image.get("alt"):
                image["alt"] = text
            _images_in(node, context, body, original)
        elif name in ("script", "style", "iframe", "form", "object", "embed", "video"):
            src = node.get("src", "")
            if "youtube" in src or "vimeo" in src:
                _paragraph(body, f'<p><a href="{html.escape(src)}">Video</a></p>')
            else:
                context.plan.warn(
                    context.path,
                    context.first_line,
                    f"a <{name}> element of the old theme was left out",
                )
        elif name == "hr":
            continue
        else:
            _walk(node.contents, context, body, original)
    flush()


def _bold_heading(paragraph: Tag) -> str:
    """'**Research Interests**' alone on a line is how hand-written pages make a heading."""
    children = [
        c for c in paragraph.contents if not (isinstance(c, NavigableString) and not c.strip())
    ]
    children = [c for c in children if getattr(c, "name", None) != "br"]
    if len(children) == 1 and getattr(children[0], "name", None) in ("strong", "b"):
        text = " ".join(children[0].get_text(" ").split()).rstrip(":").strip()
        if 0 < len(text) <= 100:
            return text
    return ""


def _images_in(node: Tag, context: Context, body: Body, original: str) -> None:
    images = [node] if node.name == "img" else node.find_all("img")
    for image in images:
        caption = image.get("title", "") or ""
        ref = _image(image.get("src", ""), image.get("alt", "") or caption, context, original)
        if ref:
            body.blocks.append(("image", ref, caption[:300]))
        parent = image.parent
        image.decompose()
        if parent is not None and parent.name == "a" and not parent.get_text().strip():
            parent.decompose()
