"""The open API fuzzed from its own OpenAPI description (/api/v2/openapi.json) with
schemathesis: every operation, every parameter, generated values (finding 1 of the "nothing
lost, nothing leaked" issue: offsets, NUL bytes and quotes answered 500). Each answer must be no
server error, a status the description lists, and the content type it names. Runs on both
databases (CI's PostgreSQL cells): their errors differ."""

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]


@pytest.fixture
def wsgi_application():
    """Django's WSGI application, as gunicorn calls it, on the test's own connection: like
    Django's test client, without closing the connection when a request ends (on PostgreSQL
    that would close the test's transaction and fail every request after it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_answers_every_generated_request_as_described(wsgi_application):
    schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", wsgi_application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    counts = {}
    for operation in operations:
        counts[operation.label] = 0

        @hypothesis.settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            derandomize=True,
            database=None,
        )
        @hypothesis.given(case=operation.as_strategy())
        def answers_as_described(case):
            cache.clear()  # the throttle's counts: every generated request must reach the view
            counts[case.operation.label] += 1
            case.call_and_validate(
                checks=[not_a_server_error, status_code_conformance, content_type_conformance]
            )

        answers_as_described()
    print(
        f"\nschemathesis: {sum(counts.values())} requests over {len(counts)} operations: {counts}"
    )
    assert all(counts.values())


def test_the_description_is_published_and_names_every_endpoint(client):  # noqa: D103
    description = client.get("/api/v2/openapi.json").json()
    assert description["openapi"].startswith("3.")
    index = client.get("/api/v2/").json()
    assert index["openapi"].endswith("/api/v2/openapi.json")
    for name, endpoint in index["endpoints"].items():
        url = endpoint if isinstance(endpoint, str) else endpoint["url"]
        assert url.replace("http://testserver", "") in description["paths"], name
