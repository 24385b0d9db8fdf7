from pathlib import Path

import pytest

from tests.support.groups import two_groups  # noqa: F401  (a fixture, found by name)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def bib():
    def read(name: str) -> str:
        return (DATA / "bibtex" / name).read_text(encoding="utf-8")

    return read


@pytest.fixture
def recorded(monkeypatch):
    """Serve recorded HTTP responses to research.publications.metadata instead of the network."""
    responses: dict[str, tuple[int, str, bytes]] = {}

    def fake_get(url, headers, **options):
        if url not in responses and url.startswith("https://doi.org/ra/"):
            return registration_agency(url)
        if url not in responses:
            raise AssertionError(f"test made an unexpected request to {url}")
        return responses[url]

    monkeypatch.setattr("research.publications.metadata.http_get", fake_get)
    return responses


def recording(path: str) -> bytes:
    return (DATA / path).read_bytes()


def registration_agency(url: str) -> tuple[int, str, bytes]:
    """doi.org's answer for a DOI prefix's registration agency, as recorded (tests/data/doi-ra/);
    for a prefix nobody recorded, doi.org is out of reach (the CSL path is tried then)."""
    from research.publications.metadata import MetadataError

    path = DATA / "doi-ra" / f"{url.rsplit('/', 1)[1]}.json"
    if not path.exists():
        raise MetadataError("doi.org could not be reached (no recording of this prefix)")
    return 200, "application/json", path.read_bytes()
