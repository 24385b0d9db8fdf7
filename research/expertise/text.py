"""Words for matching: lower case, letters and digits, common English words left out, a light
suffix stripping so "networks" meets "network" and "modelling" meets "models"."""

import re
import unicodedata

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
# Function words, and words every abstract or call uses whatever its field.
_COMMON_WORDS = """a about above after again against all also although among an and any are as at be
    because been before being between both but by can could did do does doing during each
    either for from further had has have having here how however i if in into is it its itself
    may might more most much must no nor not of off on once only or other our out over own per
    same shall should so some such than that the their them then there these they this those
    through thus to too under until up upon very was we were what when where whether which
    while who whom why will with within without would yet you your
    abstract aim aims analysis approach based describe describes develop developed
    different first found further findings however important including increase increased
    investigate investigated key large method methods new novel paper present propose proposed
    provide research result results role show shown significant significantly studies study
    suggest three two use used using well work"""
STOPWORDS = frozenset(_COMMON_WORDS.split())
SUFFIXES = ("ations", "ation", "ities", "ity", "ings", "ing", "ness", "ments", "ment",
            "ies", "es", "ed", "ly", "s")  # fmt: skip


def stem(word: str) -> str:
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) == 4:
        return word[:-1]  # "ants", "bees", "maps": short plurals
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stemmed = word[: -len(suffix)]
            return stemmed + "y" if suffix in ("ies", "ities") else stemmed
    return word


def words(text: str) -> list[str]:
    """The text's matching terms, in order (repeats kept: frequency matters)."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return [
        stem(word)
        for word in WORD.findall(folded)
        if len(word) >= 3 and word not in STOPWORDS and not word.isdigit()
    ]
