"""Publications out: BibTeX, RIS and CSL-JSON, for one publication or a filtered list."""

import json
import re

from django.http import HttpResponse

BIBTEX_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "workshop": "inproceedings",
    "preprint": "misc",
    "book": "book",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "report": "techreport",
    "poster": "misc",
    "software": "software",
    "dataset": "dataset",
}
VENUE_FIELD = {
    "article": "journal",
    "inproceedings": "booktitle",
    "workshop": "booktitle",
    "chapter": "booktitle",
    "thesis": "school",
    "report": "institution",
    "poster": "howpublished",
    "preprint": "howpublished",
    "software": "howpublished",
    "dataset": "howpublished",
    "book": "series",
}
#: biblatex's pubstate values for work that is not (yet) published.
PUBSTATE = {
    "accepted": "inpress",
    "under_review": "submitted",
    "in_preparation": "inpreparation",
    "planned": "planned",
}
RIS_TYPES = {
    "article": "JOUR",
    "inproceedings": "CPAPER",
    "workshop": "CPAPER",
    "preprint": "UNPB",
    "book": "BOOK",
    "chapter": "CHAP",
    "thesis": "THES",
    "report": "RPRT",
    "poster": "ABST",
    "software": "COMP",
    "dataset": "DATA",
}


# Every character that is syntax in a BibTeX value or in LaTeX text, written as a text-mode
# symbol. None of the replacements contains a brace that is not closed within it, so no value
# can end its field early or open a new one, whichever brace rule the reader applies (BibTeX
# counts every brace; bibtexparser skips escaped ones).
_TEXT_SYMBOLS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEXT_SPECIAL = re.compile(r"[\\{}$%&#_~^]|-(?=-)|`(?=`)|'(?=')")
_MATHS = re.compile(r"(\$[^$]+\$)")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _text(piece: str) -> str:
    # "--" would come back as an en dash, "``" and "''" as curly quotes (after a macro):
    # "-{}-", "`{}`" and "'{}'" keep the characters as typed.
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_SYMBOLS.get(m.group(0), m.group(0) + "{}"), piece)


def bibtex_text(text: str) -> str:
    """``text`` as the inside of a braced BibTeX value that reads back as the same text.

    $...$ maths is kept as written (titles carry it for KaTeX) when its braces balance and it
    escapes none; any other maths is written as text, dollar signs included.
    """
    out = []
    for piece in _MATHS.split(text):
        keep = (
            len(piece) > 2
            and piece.startswith("$")
            and piece.endswith("$")
            and _balanced(piece)
            and "\\{" not in piece
            and "\\}" not in piece
            and "%" not in piece
        )
        out.append(piece if keep else _text(piece))
    return "".join(out)


def _verbatim(value: str) -> str:
    """Identifiers are verbatim in biblatex; a brace or backslash in one is percent-encoded, as
    resolvers (doi.org, arxiv.org) accept it, so it can never close the field."""
    return value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


_AUTHOR_MARKS = "*∗†‡"


def bibtex_person(name: str) -> str:
    """One name of an author list: text escaped, and protected where BibTeX would read
    structure into it (a lone "and", a leading or trailing author mark)."""
    if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
        return "{" + bibtex_text(name[1:-1]) + "}"  # an organisation, kept whole
    parts = []
    for part in name.split(","):
        escaped = bibtex_text(part)
        if re.search(r"(?i)(^|\s)and(\s|$)", part) or part.strip().lower() == "others":
            lead = escaped[: len(escaped) - len(escaped.lstrip())]
            escaped = lead + "{" + escaped.strip() + "}"
        parts.append(escaped)
    escaped = ",".join(parts)
    # ("" in a string is True: an empty name has no mark to protect.)
    if escaped and escaped[0] in _AUTHOR_MARKS:
        escaped = "{" + escaped[0] + "}" + escaped[1:]
    if escaped and escaped[-1] in _AUTHOR_MARKS:
        escaped = escaped[:-1] + "{" + escaped[-1] + "}"
    return escaped


def _key(page) -> str:
    # A key is written bare (`@article{key,`): only characters that cannot end it or the entry.
    key = re.sub(r"[^\w:.+/-]", "", page.bibtex_key or "", flags=re.ASCII)
    if key:
        return key
    first = page.authors.all()[0].bibtex_name.split(",")[0] if page.authors.all() else "anon"
    word = re.sub(r"[^a-z]", "", first.lower()) or "anon"
    return f"{word}{page.year}p{page.pk}"


#: Which stored link a BibTeX ``url`` field gives, best first (the DOI has its own field).
URL_KINDS = ("publisher", "pdf", "preprint")


def _web_address(page) -> str:
    """Where to read the paper, from the links stored on the page (no query), else arXiv."""
    chips = getattr(page, "link_chips", None) or []
    for kind in URL_KINDS:
        for chip in chips:
            if chip.get("kind") == kind and chip.get("href"):
                return chip["href"]
    return f"https://arxiv.org/abs/{page.arxiv_id}" if page.arxiv_id else ""


#: @software and @dataset are biblatex types; classic BibTeX styles print them as @misc, so
#: the note says what they are (and which version) where the style would not.
CLASSIC_NOTES = {"software": "Software", "dataset": "Dataset"}


def _note(page) -> str:
    kind = CLASSIC_NOTES.get(page.publication_type)
    if not kind:
        return page.note
    described = f"{kind}, version {page.version}" if page.version else kind
    return f"{described}. {page.note}" if page.note else described


def bibtex_entry(page) -> str:
    authors = list(page.authors.all())
    fields = [
        ("author", " and ".join(bibtex_person(a.bibtex_name or a.display_name) for a in authors)),
        # Double braces keep the title's capitals as written.
        ("title", "{" + bibtex_text(page.title) + "}"),
        (VENUE_FIELD.get(page.publication_type, "howpublished"), bibtex_text(page.venue)),
        ("year", str(page.year)),
        ("month", str(page.month) if page.month else ""),
        ("volume", bibtex_text(page.volume)),
        ("number", bibtex_text(page.issue)),
        (
            "pages",
            page.pages.replace("-", "--")
            if re.fullmatch(r"\d+-\d+", page.pages)
            else bibtex_text(page.pages),
        ),
        ("publisher", bibtex_text(page.publisher)),
        ("doi", _verbatim(page.doi)),
        ("eprint", _verbatim(page.arxiv_id)),
        ("archiveprefix", "arXiv" if page.arxiv_id else ""),
        ("isbn", _verbatim(page.isbn)),
        ("url", _verbatim(_web_address(page))),
        ("pubstate", PUBSTATE.get(page.status, "")),
        # al-folio's and Hugo Blox's flag for highlighted work (read back by the importer).
        ("selected", "true" if page.selected else ""),
        # BibTeX's types are coarser than ours (workshop vs conference paper): keep ours for round trips.
        ("publicationtype", page.publication_type),
        (
            "equalcontribution",
            ",".join(str(n) for n, a in enumerate(authors, 1) if a.equal_contribution),
        ),
        ("corresponding", ",".join(str(n) for n, a in enumerate(authors, 1) if a.corresponding)),
        ("version", bibtex_text(page.version)),
        # biblatex-software's field for the archive's identifier.
        ("swhid", _verbatim(page.swhid)),
        ("abstract", bibtex_text(page.abstract)),
        ("note", bibtex_text(_note(page))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{BIBTEX_TYPES.get(page.publication_type, 'misc')}{{{_key(page)},\n{body}\n}}\n"


def to_bibtex(publications) -> str:
    return "\n".join(bibtex_entry(page) for page in publications)


def ris_record(page) -> str:
    lines = [("TY", RIS_TYPES.get(page.publication_type, "GEN"))]
    for author in page.authors.all():
        lines.append(("AU", author.bibtex_name or author.display_name))
    lines.append(("TI", page.title))
    if page.venue:
        lines.append(("T2", page.venue))
    lines.append(("PY", str(page.year)))
    if page.month:
        lines.append(("DA", f"{page.year}/{page.month:02d}"))
    for tag, value in (
        ("VL", page.volume),
        ("IS", page.issue),
        ("PB", page.publisher),
        ("DO", page.doi),
        ("SN", page.isbn),
    ):
        if value:
            lines.append((tag, value))
    if page.pages:
        start, _, end = page.pages.replace("--", "-").partition("-")
        lines.append(("SP", start))
        if end:
            lines.append(("EP", end))
    if page.abstract:
        lines.append(("AB", " ".join(page.abstract.split())))
    if page.arxiv_id:
        lines.append(("UR", f"https://arxiv.org/abs/{page.arxiv_id}"))
    lines.append(("ER", ""))
    return (
        "\r\n".join(
            f"{tag}  - {value}".rstrip() if tag == "ER" else f"{tag}  - {value}"
            for tag, value in lines
        )
        + "\r\n"
    )


def to_ris(publications) -> str:
    return "\r\n".join(ris_record(page) for page in publications)


def to_csl_json(publications) -> str:
    return json.dumps([page.csl_json for page in publications], ensure_ascii=False, indent=2)


def download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
