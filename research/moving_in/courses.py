"""Courses in the sites people move from: academicpages' ``_teaching`` collection (title like
"Stat 20: Introduction to…", ``type``, ``venue``, ``date``) and al-folio's ``_teachings``
(``course_id``, ``term``, ``year``, ``instructor``, a ``schedule`` with materials)."""

import re

from research.moving_in import frontmatter

#: "CIS 262", "Stat 20", "OCE301", "ML-540A"
CODE = re.compile(r"^\s*([A-Za-z]{2,6}[\s\-]?\d{2,4}[A-Za-z]?)\s*[:\-–—]\s*(.+)$")
ROLE_WORDS = {
    "assistant": ("teaching assistant", "graduate student instructor", " ta ", "(ta)", "tutor",
                  "demonstrator", "grader"),
    "guest": ("guest lecture",),
    "co_lecturer": ("co-instructor", "co-lecturer", "co-taught", "co-teach"),
}  # fmt: skip
LEVELS = (
    ("summer_school", ("summer school",)),
    ("workshop", ("workshop", "tutorial", "bootcamp", "boot camp")),
    ("doctoral", ("phd", "doctoral")),
    ("masters", ("graduate", "master", "msc")),
    ("undergraduate", ("undergraduate", "bachelor", "bsc")),
    ("public", ("outreach", "public")),
)


def code_and_title(title: str) -> tuple[str, str]:
    """("CIS 262", "Automata…") from "CIS 262: Automata…"; a title whose rest only names a
    role ("CIS 262: Teaching Assistant") is kept whole."""
    found = CODE.match(title)
    if not found:
        return "", title
    code, rest = found.group(1).strip(), found.group(2).strip()
    if role_in(rest) or rest.lower() in ("instructor", "lecturer"):
        return code, title
    return code, rest


def role_in(text: str) -> str:
    folded = f" {text.lower()} "
    for role, words in ROLE_WORDS.items():
        if any(word in folded for word in words):
            return role
    return ""


def level_of(text: str) -> str:
    folded = text.lower()
    for level, words in LEVELS:
        if any(re.search(rf"\b{re.escape(word)}", folded) for word in words):
            return level
    return "other"


def academicpages_course(meta: dict, body: str) -> dict:
    title = frontmatter.text(meta.get("title"))
    code, course_title = code_and_title(title)
    kind = frontmatter.text(meta.get("type"))
    return {
        "title": course_title,
        "code": code[:40],
        "level": level_of(kind) if kind else "other",
        "institution": frontmatter.text(meta.get("venue"))[:200],
        "term": "",
        "role": role_in(f"{title} {body[:600]}") or "lecturer",
        "materials": [],
    }


def alfolio_course(meta: dict) -> tuple[dict, list[str]]:
    """The course and the materials left out (files of the old site: not links that work)."""
    year = re.findall(r"(19\d\d|20\d\d)", str(meta.get("year", "")))
    term = frontmatter.text(meta.get("term"))
    course_id = frontmatter.text(meta.get("course_id"))
    materials, left_out = [], []
    for week in meta.get("schedule") or []:
        if not isinstance(week, dict):
            continue
        topic = frontmatter.text(week.get("topic"))
        for material in week.get("materials") or []:
            if not isinstance(material, dict):
                continue
            name = frontmatter.text(material.get("name")) or "Material"
            url = frontmatter.text(material.get("url"))
            label = f"{name} ({topic})" if topic else name
            if url.startswith(("http://", "https://")):
                materials.append((label[:200], url[:500]))
            elif url:
                left_out.append(url)
    return {
        "title": frontmatter.text(meta.get("title")),
        # A course_id that reads as a code ("CS229"), not a slug ("intro-machine-learning").
        "code": course_id[:40]
        if re.fullmatch(r"[A-Za-z]{2,6}\s?\d{2,4}[A-Za-z]?", course_id)
        else "",
        "level": level_of(f"{meta.get('level', '')} {meta.get('description', '')}"),
        "institution": "",
        "term": f"{term} {year[0]}".strip() if year else term,
        "year": int(year[0]) if year else None,
        "role": "lecturer",
        "materials": materials,
        "instructor": frontmatter.text(meta.get("instructor")),
    }, left_out
