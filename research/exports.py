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
PUBSTATE = {"accepted": "inpress", "under_review": "submitted", "in_preparation": "inpreparation"}
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


def _escape_bibtex(text: str) -> str:
    """Escape BibTeX's special characters outside $...$ maths; braces keep their meaning."""
    pieces = re.split(r"(\$[^$]*\$)", text)
    out = []
    for piece in pieces:
        if piece.startswith("$") and piece.endswith("$") and len(piece) > 1:
            out.append(piece)
        else:
            out.append(re.sub(r"(?<!\\)([&%#])", r"\\\1", piece))
    return "".join(out)


def _key(page) -> str:
    if page.bibtex_key:
        return page.bibtex_key
    first = page.authors.all()[0].bibtex_name.split(",")[0] if page.authors.all() else "anon"
    word = re.sub(r"[^a-z]", "", first.lower()) or "anon"
    return f"{word}{page.year}p{page.pk}"


def bibtex_entry(page) -> str:
    authors = list(page.authors.all())
    fields = [
        ("author", " and ".join(a.bibtex_name or a.display_name for a in authors)),
        ("title", "{" + _escape_bibtex(page.title) + "}"),
        (VENUE_FIELD.get(page.publication_type, "howpublished"), _escape_bibtex(page.venue)),
        ("year", str(page.year)),
        ("month", str(page.month) if page.month else ""),
        ("volume", page.volume),
        ("number", page.issue),
        (
            "pages",
            page.pages.replace("-", "--") if re.fullmatch(r"\d+-\d+", page.pages) else page.pages,
        ),
        ("publisher", _escape_bibtex(page.publisher)),
        ("doi", page.doi),
        ("eprint", page.arxiv_id),
        ("archiveprefix", "arXiv" if page.arxiv_id else ""),
        ("isbn", page.isbn),
        ("pubstate", PUBSTATE.get(page.status, "")),
        # BibTeX's types are coarser than ours (workshop vs conference paper): keep ours for round trips.
        ("publicationtype", page.publication_type),
        (
            "equalcontribution",
            ",".join(str(n) for n, a in enumerate(authors, 1) if a.equal_contribution),
        ),
        ("corresponding", ",".join(str(n) for n, a in enumerate(authors, 1) if a.corresponding)),
        ("abstract", _escape_bibtex(page.abstract)),
        ("note", _escape_bibtex(page.note)),
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
