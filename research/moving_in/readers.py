"""Which kind of site a folder holds, and the plan its reader makes of it."""

import time

from research.moving_in import hugo, jekyll, lookup
from research.moving_in.common import Reading
from research.moving_in.files import SiteFiles
from research.moving_in.plan import Plan

FORMATS = {
    "al-folio": jekyll.read_alfolio,
    "academicpages": jekyll.read_academicpages,
    "hugo-blox": hugo.read,
    "greene-lab": jekyll.read_greenelab,
    "hand-written": jekyll.read_handwritten,
}


def detect(files: SiteFiles) -> str:
    if files.has_dir("content") and (
        files.has_dir("config")
        or "hugo.yaml" in files
        or "config.toml" in files
        or "hugo.toml" in files
    ):
        return "hugo-blox"
    if files.has_dir("_members") or "_data/citations.yaml" in files:
        return "greene-lab"
    if files.has_dir("_bibliography") or files.has_dir("_news") or files.has_dir("_projects"):
        return "al-folio"
    if (
        files.has_dir("_publications")
        or files.has_dir("_talks")
        or files.has_dir("_portfolio")
        or ("_config.yml" in files and "author_profile" in files.read_text("_config.yml"))
    ):
        return "academicpages"
    return "hand-written"


def read_site(files: SiteFiles, site_format: str | None = None, look_up: bool = False) -> Plan:
    """The plan of everything the files hold: nothing is written. ``look_up`` completes
    hand-typed references from their DOI or arXiv ID (network)."""
    started = time.perf_counter()
    site_format = site_format or detect(files)
    plan = Plan(site_format=site_format, files_read=len(files))
    FORMATS[site_format](Reading(files, plan))
    if look_up:
        lookup.complete(plan)
    plan.seconds = time.perf_counter() - started
    return plan
