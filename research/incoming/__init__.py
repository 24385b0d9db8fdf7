"""Works waiting for review: a member's ORCID record and arXiv preprints under their name,
found by a scheduled check (or on demand), each approved into a publication or dismissed."""
