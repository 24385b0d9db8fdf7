"""The preview and the result of an import, as the command prints them (the admin shows the
same plan in its template)."""

from research.moving_in.plan import Plan

FORMAT_NAMES = {
    "al-folio": "al-folio (Jekyll)",
    "academicpages": "academicpages (Jekyll)",
    "hugo-blox": "Hugo Blox research group (Hugo)",
    "greene-lab": "Greene Lab template (Jekyll)",
    "hand-written": "hand-written markdown pages",
}


def text(plan: Plan, limit: int | None = 40, existing: set | None = None) -> str:
    """The preview. ``existing``: (kind, slug) already on the site (``apply.already_there``),
    listed apart, so that a second run shows only what it would really add."""
    existing = existing or set()
    lines = [
        f"Site: {plan.title or '(no title)'} — {FORMAT_NAMES.get(plan.site_format, plan.site_format)}",
        f"Files read: {plan.files_read}",
        f"Why this kind of site: {plan.detection}" if plan.detection else "",
        "",
        "Found in the files:",
    ]
    for label, count in plan.counts().items():
        if label not in ("warnings", "skipped"):
            lines.append(f"  {label:<28} {count}")
    lines += ["", "Will be created:"]
    there = []
    for person in plan.people:
        line = f"  person       {person.name} ({person.role}{', former member' if person.former else ''})"
        (there if ("person", person.slug) in existing else lines).append(line)
    for page in plan.pages:
        when = f" {page.date}" if page.date else ""
        line = f"  {page.kind:<12} {page.title[:70]}{when}"
        (there if (page.kind, page.slug) in existing else lines).append(line)
    errors = [item for item in plan.publications if item.draft.errors]
    repeats = [item for item in plan.publications if not item.draft.errors and item.draft.repeats]
    on_site = [
        item
        for item in plan.publications
        if not item.draft.errors and not item.draft.repeats and item.draft.duplicate_of
    ]
    new = len(plan.publications) - len(errors) - len(repeats) - len(on_site)
    lines.append(
        f"  publications {new} new, "
        f"{len(repeats)} repeated in the files, {len(errors)} with problems"
    )
    if there or on_site:
        lines += ["", f"Already on the site, left as they are ({len(there) + len(on_site)}):"]
        lines += there
        if on_site:
            lines.append(f"  publications {len(on_site)}")
    notes = [
        f"{item.source}:{item.draft.line} {item.draft.key}: {'; '.join(item.draft.errors)}"
        for item in errors
    ]
    notes += [
        f"{item.source}:{item.draft.line} {item.draft.key}: {n}"
        for item in plan.publications
        for n in item.draft.notices
    ]
    if plan.skipped or errors:
        lines += ["", "Skipped, and why:"]
        lines += [f"  {note}" for note in plan.skipped]
        lines += [f"  {note}" for note in notes[: len(errors)]]
    warnings = [str(w) for w in plan.warnings] + notes[len(errors) :]
    if warnings:
        lines += ["", f"Warnings ({len(warnings)}):"]
        shown = warnings if limit is None else warnings[:limit]
        lines += [f"  {w}" for w in shown]
        if len(shown) < len(warnings):
            lines.append(f"  … and {len(warnings) - len(shown)} more (--all-notes lists them)")
    lines.append(f"\nPreview {plan.fingerprint()} read in {getattr(plan, 'seconds', 0):.2f} s.")
    return "\n".join(lines)


def outcome_text(outcome) -> str:
    lines = ["Imported:"]
    for kind in sorted(set(outcome.created) | set(outcome.existing)):
        lines.append(
            f"  {kind:<14} {outcome.created.get(kind, 0)} new, {outcome.existing.get(kind, 0)} already there"
        )
    lines += [f"  problem: {p}" for p in outcome.problems]
    lines.append(f"Done in {outcome.seconds:.1f} s.")
    return "\n".join(lines)
