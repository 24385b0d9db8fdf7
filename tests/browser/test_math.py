"""LaTeX in titles, abstracts and equation blocks is typeset by the site's own KaTeX."""

import pytest

from labsite.models import StandardPage
from research.models import PublicationIndexPage, PublicationPage

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.frontend,
]


@pytest.fixture
def math_pages():
    index = PublicationIndexPage.objects.get()
    publication = PublicationPage(
        title=r"Regret bounds of $O(\sqrt{T})$ for tidal forecasting",
        slug="regret-bounds",
        year=2026,
        status="published",
        abstract=r"We show that \(\epsilon\)-greedy forecasts reach $O(\sqrt{T})$ regret.",
    )
    index.add_child(instance=publication)
    about = StandardPage.objects.get(slug="about")
    about.body = [("equation", {"latex": r"E = mc^2", "label": "(1)"})]
    about.save_revision().publish()
    return publication, about


def test_math_is_typeset_from_the_sites_own_files(page, live_server, math_pages):
    publication, about = math_pages
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}{publication.url}")
    page.wait_for_selector("h1 .katex")
    assert page.locator(".math-text .katex").count() >= 2
    page.goto(f"{live_server.url}{about.url}")
    page.wait_for_selector(".equation .katex-display")
    katex_requests = [url for url in requests if "katex" in url.lower()]
    assert katex_requests and all(url.startswith(live_server.url) for url in katex_requests)
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests)


def test_pages_without_math_do_not_load_katex(page, live_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/people/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "katex" in url.lower()]


def test_without_javascript_the_latex_source_stays_readable(browser, live_server, math_pages):
    publication, _about = math_pages
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{publication.url}")
    assert r"$O(\sqrt{T})$" in page.locator("h1").inner_text()
    context.close()
