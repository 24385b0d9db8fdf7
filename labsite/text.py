"""Text compared the way people type it: without accents, in any case ("Rodola" finds "Rodolà")."""

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents and other combining marks removed, "ß" as "ss" (casefold)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
