"""axe-core (WCAG 2.2 AA rules) finds no violations on any page type, light or dark."""

import pytest

from tools.screenshots import PAGES

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.frontend,
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page_type(page, live_server, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.emulate_media(color_scheme=scheme)
    found = {}
    for name, path in {**PAGES, "apply-with-errors": None}.items():
        if path is None:
            page.goto(f"{live_server.url}/apply/")
            page.locator("form.form button[type=submit]").click()
            page.wait_for_selector("#form-errors")
        else:
            page.goto(f"{live_server.url}{path}")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        violations = result.response["violations"]
        print(f"{scheme:5} {name:20} {len(violations)} violations")
        if violations:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    assert found == {}
