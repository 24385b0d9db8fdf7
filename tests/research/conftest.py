from pathlib import Path

import pytest

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
        if url not in responses:
            raise AssertionError(f"test made an unexpected request to {url}")
        return responses[url]

    monkeypatch.setattr("research.publications.metadata.http_get", fake_get)
    return responses


def recording(path: str) -> bytes:
    return (DATA / path).read_bytes()
