"""The only modules allowed to touch a library's internals, one per library.

Each private name used here is listed in ``USES`` of its module and checked against the
installed library by tests/labsite/test_adapters.py, which fails loudly, naming the name,
when an upgrade changes it; tests/test_project_truth.py walks the code and fails on any
private use of a library outside these modules. docs/architecture.md says why each exists.
"""
