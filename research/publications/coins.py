"""COinS: a publication's citation as an OpenURL ContextObject in an empty ``span`` (the
convention Zotero's and other reference managers' browser connectors read on a page, one span
per item, so a list page saves as several items).

Built only from columns a list already reads (``CARD_COLUMNS``) plus what a publication's own
page has: no query in either place."""

from urllib.parse import urlencode

from django.utils.html import format_html

JOURNAL_GENRES = {
    "article": "article",
    "inproceedings": "proceeding",
    "workshop": "proceeding",
    "poster": "conference",
    "preprint": "preprint",
}
BOOK_GENRES = {"book": "book", "chapter": "bookitem", "report": "report"}


def _value(page, name: str):
    return "" if name in page.get_deferred_fields() else (getattr(page, name, "") or "")


def context_object(page, url: str = "") -> list[tuple[str, str]]:
    kind = _value(page, "publication_type")
    pairs = [("ctx_ver", "Z39.88-2004")]
    if kind in JOURNAL_GENRES:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
                  ("rft.genre", JOURNAL_GENRES[kind]), ("rft.atitle", page.title),
                  ("rft.jtitle", page.venue)]  # fmt: skip
    elif kind in BOOK_GENRES:
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", BOOK_GENRES[kind])]
        if kind == "chapter":
            pairs += [("rft.atitle", page.title), ("rft.btitle", page.venue)]
        else:
            pairs += [("rft.btitle", page.title), ("rft.pub", _value(page, "publisher"))]
    elif kind == "thesis":
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dissertation"),
                  ("rft.title", page.title), ("rft.inst", page.venue)]  # fmt: skip
    else:  # datasets, software and anything else: Dublin Core
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.title", page.title),
                  ("rft.type", kind or "text"), ("rft.publisher", page.venue)]  # fmt: skip
    name_key = "rft.creator" if pairs[1][1].endswith(":dc") else "rft.au"
    pairs += [(name_key, credit.name) for credit in page.credited if credit.name]
    pairs.append(("rft.date", str(page.year or "")))
    for field, key in (("volume", "rft.volume"), ("issue", "rft.issue"), ("pages", "rft.pages"),
                       ("isbn", "rft.isbn")):  # fmt: skip
        pairs.append((key, str(_value(page, field))))
    if page.doi:
        pairs.append(("rft_id", f"info:doi/{page.doi}"))
    if url:
        pairs.append(("rft_id", url))
    return [(key, value) for key, value in pairs if value]


def coins_span(page, url: str = "") -> str:
    # urlencode makes the KEV string; format_html escapes it for the attribute.
    return format_html(
        '<span class="Z3988" title="{}"></span>', urlencode(context_object(page, url))
    )
