# Fixtures shared by the people tests: two supervisors with accounts and a site editor, and an
# application to each and one to nobody (defined with the tests of the applications' admin).
from tests.people.test_applications_admin import applications, people  # noqa: F401
