"""Which kind of site a folder holds, and the plan its reader makes of it."""

import time
from dataclasses import dataclass

from research.moving_in import hugo, jekyll, lookup
from research.moving_in.common import Reading
from research.moving_in.files import SiteFiles, SiteFilesError
from research.moving_in.plan import Plan

FORMATS = {
    "al-folio": jekyll.read_alfolio,
    "academicpages": jekyll.read_academicpages,
    "hugo-blox": hugo.read,
    "greene-lab": jekyll.read_greenelab,
    "hand-written": jekyll.read_handwritten,
}


@dataclass
class Detection:
    """Which generator built a site, with the evidence, and the next best guess."""

    site_format: str
    evidence: list[str]
    scores: dict[str, float]

    @property
    def close_call(self) -> str | None:
        """The other generator that scored nearly as well, if one did."""
        ranked = sorted(self.scores.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] >= 3 and ranked[1][1] >= 0.75 * ranked[0][1]:
            return ranked[1][0]
        return None


def _config_text(files: SiteFiles, *names: str) -> str:
    text = []
    for name in names:
        if name in files:
            try:
                text.append(files.read_text(name)[:200_000].lower())
            except SiteFilesError:
                continue
    return "\n".join(text)


def _evidence(files: SiteFiles) -> dict[str, list[tuple[str, float]]]:
    """Each generator's signature files and settings found in the site, with their weight:
    a file only one generator writes weighs more than a folder several themes share."""
    jekyll_config = _config_text(files, "_config.yml", "_config.yaml")
    hugo_config = _config_text(
        files,
        "config.toml",
        "hugo.toml",
        "hugo.yaml",
        "config.yaml",
        "config/_default/hugo.yaml",
        "config/_default/config.yaml",
        "config/_default/config.toml",
        "config/_default/module.yaml",
        "config/_default/module.toml",
        "go.mod",
        "theme.toml",
    )
    found: dict[str, list[tuple[str, float]]] = {name: [] for name in FORMATS}

    def check(site_format: str, present: bool, what: str, weight: float) -> None:
        if present:
            found[site_format].append((what, weight))

    check("hugo-blox", files.has_dir("config/_default"), "config/_default/", 3)
    check("hugo-blox", files.has_dir("content/authors"), "content/authors/", 3)
    check(
        "hugo-blox",
        any(word in hugo_config for word in ("wowchemy", "hugoblox", "hugo-blox", "academic")),
        "Wowchemy / Hugo Blox named in its configuration",
        3,
    )
    check(
        "hugo-blox",
        files.has_dir("content")
        and any(n in files for n in ("config.toml", "hugo.toml", "hugo.yaml", "config.yaml")),
        "content/ with a Hugo configuration",
        2,
    )
    check("greene-lab", files.has_dir("_members"), "_members/", 2)
    check("greene-lab", "_data/citations.yaml" in files, "_data/citations.yaml", 3)
    check("greene-lab", files.has_dir("_cite"), "_cite/ (the template's citation script)", 3)
    check("greene-lab", "_data/sources.yaml" in files, "_data/sources.yaml", 2)
    check("al-folio", files.has_dir("_bibliography"), "_bibliography/", 3)
    check("al-folio", "jekyll-scholar" in jekyll_config, "jekyll-scholar in _config.yml", 2)
    check("al-folio", "al-folio" in jekyll_config, "al-folio named in _config.yml", 2)
    check("al-folio", files.has_dir("_news"), "_news/", 1)
    check("al-folio", files.has_dir("_projects"), "_projects/", 1)
    check("al-folio", "_data/coauthors.yml" in files, "_data/coauthors.yml", 2)
    check("academicpages", files.has_dir("_publications"), "_publications/", 2)
    check("academicpages", files.has_dir("_talks"), "_talks/", 2)
    check("academicpages", files.has_dir("_portfolio"), "_portfolio/", 1)
    check("academicpages", files.has_dir("_teaching"), "_teaching/", 1)
    check("academicpages", files.has_dir("markdown_generator"), "markdown_generator/", 3)
    check("academicpages", "author_profile" in jekyll_config, "author_profile in _config.yml", 2)
    check(
        "academicpages", "academicpages" in jekyll_config, "academicpages named in _config.yml", 2
    )
    check("hand-written", True, "markdown pages", 0.5)
    return found


def detect_with_evidence(files: SiteFiles) -> Detection:
    found = _evidence(files)
    scores = {name: sum(weight for _what, weight in items) for name, items in found.items()}
    # Ties go to the more specific reader, in FORMATS' order.
    best = max(FORMATS, key=lambda name: (scores[name], -list(FORMATS).index(name)))
    return Detection(best, [what for what, _weight in found[best]], scores)


def detect(files: SiteFiles) -> str:
    return detect_with_evidence(files).site_format


def _one_person_each(plan: Plan) -> None:
    """A person found twice (the site's owner in its configuration and again on its team
    page) is one person: the first record, completed from the others."""
    kept: dict[str, object] = {}
    people = []
    for person in plan.people:
        key = " ".join(person.name.lower().split())
        first = kept.get(key)
        if first is None:
            kept[key] = person
            people.append(person)
            continue
        for name in ("photo", "email", "website", "orcid", "short_bio", "google_scholar", "github"):
            if not getattr(first, name) and getattr(person, name):
                setattr(first, name, getattr(person, name))
        if not first.body and person.body:
            first.body = person.body
        first.old_urls += [u for u in person.old_urls if u not in first.old_urls]
        first.keys += [k for k in person.keys if k not in first.keys]
        plan.warn(
            person.source, 0, f"{person.name} is listed in {first.source} too: one person page"
        )
    plan.people = people


def read_site(
    files: SiteFiles,
    site_format: str | None = None,
    look_up: bool = False,
    keep_examples: bool = False,
) -> Plan:
    """The plan of everything the files hold: nothing is written. ``look_up`` completes
    hand-typed references from their DOI or arXiv ID (network); ``keep_examples`` imports the
    theme's example content too (only for a site that really shows it as its own)."""
    started = time.perf_counter()
    detection = detect_with_evidence(files)
    plan = Plan(site_format=site_format or detection.site_format, files_read=len(files))
    if site_format:
        plan.detection = f"chosen by you (the files suggested {detection.site_format})"
    else:
        plan.detection = "found " + ", ".join(detection.evidence)
        other = detection.close_call
        if other:
            plan.warn(
                "",
                0,
                f"this site looks nearly as much like {other} as like {detection.site_format}; "
                f"if the preview is wrong, choose the kind of site yourself (--format {other})",
            )
    FORMATS[plan.site_format](Reading(files, plan, keep_examples=keep_examples))
    _one_person_each(plan)
    if look_up:
        lookup.complete(plan)
    plan.seconds = time.perf_counter() - started
    return plan
