"""Author names between BibTeX's 'von Last, Jr, First' and the 'First von Last' people read."""

from bibtexparser.middlewares.names import InvalidNameError, NameParts, parse_single_name_into_parts

_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "dos",
    "du",
    "le",
    "la",
    "ter",
    "ten",
    "zu",
}


def parts_from_bibtex(name: str) -> NameParts:
    """Split one BibTeX name; a fully braced name ({Barnes and Noble}) stays one last name."""
    stripped = name.strip()
    if stripped.startswith("{") and stripped.endswith("}") and _balanced_inner(stripped):
        return NameParts(last=[stripped])
    try:
        return parse_single_name_into_parts(stripped, strict=False)
    except InvalidNameError:
        return NameParts(last=[stripped])


def _balanced_inner(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        depth += char == "{"
        depth -= char == "}"
        if depth == 0 and index < len(text) - 1:
            return False
    return True


def _unbrace(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def display_name_from_parts(parts: NameParts) -> str:
    return _unbrace(parts.merge_first_name_first)


def display_name_from_bibtex(name: str) -> str:
    """'von Neumann, John' -> 'John von Neumann'; '{Barnes and Noble}' -> 'Barnes and Noble'."""
    parts = parts_from_bibtex(name)
    if parts.jr:
        first_last = " ".join(parts.first + parts.von + parts.last)
        return _unbrace(f"{first_last}, {' '.join(parts.jr)}")
    return display_name_from_parts(parts)


def bibtex_name_for_display_name(name: str) -> str:
    """Best split of a typed 'First von Last' name into BibTeX form; 'Last, First' is kept."""
    name = " ".join(name.split())
    if "," in name or " and " in f" {name} ":
        return name if " and " not in f" {name} " else "{" + name + "}"
    words = name.split(" ")
    if len(words) == 1:
        return name
    last_start = len(words) - 1
    while last_start > 1 and words[last_start - 1].lower() in _PARTICLES:
        last_start -= 1
    first = " ".join(words[:last_start])
    last = " ".join(words[last_start:])
    return f"{last}, {first}"


def is_literal_name(bibtex_name: str) -> bool:
    """Whether a BibTeX name is one braced whole: a group or an organisation, printed as is."""
    return "literal" in csl_name(bibtex_name) if bibtex_name.strip() else False


def csl_name(bibtex_name: str) -> dict:
    """A CSL-JSON name: family/given (with particle and suffix) or a literal for organisations."""
    stripped = bibtex_name.strip()
    parts = parts_from_bibtex(stripped)
    if not parts.first and not parts.von and len(parts.last) == 1 and parts.last[0].startswith("{"):
        return {"literal": _unbrace(parts.last[0])}
    name = {"family": _unbrace(" ".join(parts.last))}
    if parts.first:
        name["given"] = _unbrace(" ".join(parts.first))
    if parts.von:
        name["non-dropping-particle"] = _unbrace(" ".join(parts.von))
    if parts.jr:
        name["suffix"] = _unbrace(" ".join(parts.jr))
    return name
