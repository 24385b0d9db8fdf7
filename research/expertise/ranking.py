"""BM25 over the group's publications, and people ranked by their best-matching papers."""

import math
from collections import Counter
from dataclasses import dataclass, field

from research.expertise.text import words

K1 = 1.2
B = 0.75
#: A person's score: the sum of their best few papers' scores (one lucky paper does not make an
#: expert, nor do fifty weak ones).
PAPERS_PER_PERSON = 3


@dataclass(frozen=True)
class Document:
    pk: int
    title: str
    text: str
    people: tuple[int, ...]  # members credited on it
    year: int | None = None


@dataclass
class Scored:
    document: Document
    score: float
    terms: list[str]


@dataclass
class PersonMatch:
    person: int
    score: float
    papers: list[Scored] = field(default_factory=list)


class Index:
    def __init__(self, documents: list[Document]):
        self.documents = documents
        self.terms = [Counter(words(f"{d.title} {d.title} {d.text}")) for d in documents]
        self.lengths = [sum(t.values()) for t in self.terms]
        self.average = (sum(self.lengths) / len(self.lengths)) if documents else 0.0
        frequency = Counter(term for counts in self.terms for term in counts)
        n = len(documents)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}

    def search(self, query: str, exclude=frozenset(), limit: int = 50) -> list[Scored]:
        # Each query term counts once however often the query repeats it, weighted by how
        # often: a call that says "malaria" five times is about malaria.
        wanted = Counter(term for term in words(query) if term in self.idf)
        if not wanted:
            return []
        weight = {t: 1 + math.log(c) for t, c in wanted.items()}
        scored = []
        for position, document in enumerate(self.documents):
            if document.pk in exclude:
                continue
            counts, length = self.terms[position], self.lengths[position]
            total, matched = 0.0, []
            for term, w in weight.items():
                tf = counts.get(term)
                if not tf:
                    continue
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / (self.average or 1)))
                contribution = w * self.idf[term] * norm
                total += contribution
                matched.append((contribution, term))
            if total > 0:
                scored.append(
                    Scored(document, total, [t for _, t in sorted(matched, reverse=True)])
                )
        scored.sort(key=lambda s: (-s.score, s.document.title))
        return scored[:limit]


def rank_people(scored: list[Scored], limit: int = 10) -> list[PersonMatch]:
    by_person: dict[int, PersonMatch] = {}
    for item in scored:  # best first
        for person in item.document.people:
            match = by_person.setdefault(person, PersonMatch(person, 0.0))
            if len(match.papers) < PAPERS_PER_PERSON:
                match.papers.append(item)
                match.score += item.score
    ranked = sorted(by_person.values(), key=lambda m: -m.score)
    return ranked[:limit]
