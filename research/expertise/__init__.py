"""Finding the right person: paste an abstract, a funding call or keywords, get the group's
people and publications ranked by how well their work matches, with the matching papers as
the reason. BM25 over titles, abstracts and keywords (chosen by bench/bench_expertise.py over
the search backend's full text; see docs/research-outputs.md)."""
