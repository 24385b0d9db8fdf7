"""The open read API at /api/v2/: Wagtail's pages endpoint, plus the data endpoints the domain
apps register here (publications as CSL-JSON and BibTeX, people, openings, activities).
Everything is read-only, public content only, and throttled per client."""
