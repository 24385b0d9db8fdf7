"""Upgrade-proof: the code touches no library's internals outside ``labsite/adapters/`` (at most
8 private uses, in at most 3 modules named for their library) and patches no library class at
run time. Walks the production code's syntax trees, like ../shared/tools/private_api_scan.py."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("labsite", "people", "research")
ADAPTERS = "labsite/adapters/"
LIBRARIES = (
    "django", "wagtail", "treebeard", "modelcluster", "wagtail_localize", "taggit", "csp",
    "axes", "urllib3", "requests", "rest_framework", "django_tasks", "django_tasks_db",
    "modelsearch", "bibtexparser", "pylatexenc", "citeproc", "weasyprint", "storages",
)  # fmt: skip
#: Django's documented model API, although spelled with an underscore.
DOCUMENTED = {"_meta", "_default_manager", "_base_manager", "_state", "_id"}


def _production_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text("utf-8"))


def _own_private_names(files) -> set[str]:
    """Private names the project defines itself: its functions, classes and the attributes it
    sets on its own objects (a request's ``_labsite_…`` stash, say)."""
    own = set()
    for _path, tree in files:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Attribute):
                        own.add(target.attr)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Name | ast.Constant)
            ):
                own.add(getattr(node.args[1], "value", getattr(node.args[1], "id", "")))
    return {name for name in own if isinstance(name, str) and name.startswith("_")}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name not in DOCUMENTED


def private_uses():
    """(file, line, what) for every private name of another object the code reads or sets."""
    files = list(_production_files())
    # Names the adapters use are the libraries' even where they are assigned.
    own = _own_private_names([(p, t) for p, t in files if not p.startswith(ADAPTERS)])
    uses = []
    for path, tree in files:
        library_names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] in LIBRARIES:
                    library_names |= {alias.asname or alias.name for alias in node.names}
                    if any(part.startswith("_") for part in node.module.split(".")[1:]):
                        uses.append((path, node.lineno, f"import {node.module}"))
                    uses += [
                        (path, node.lineno, f"import {node.module}.{alias.name}")
                        for alias in node.names
                        if _is_private(alias.name)
                    ]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in LIBRARIES:
                        library_names.add((alias.asname or alias.name).split(".")[0])
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _is_private(node.attr):
                own_object = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
                if own_object and not path.startswith(ADAPTERS):
                    continue  # the class's own attribute
                if node.attr in own and not path.startswith(ADAPTERS):
                    continue
                uses.append((path, node.lineno, node.attr))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and _is_private(node.args[1].value)
                and node.args[1].value not in own
            ):
                uses.append((path, node.lineno, node.args[1].value))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Name)
                        and target.value.id in library_names
                        and target.value.id[:1].isupper()  # a class, not a module or setting
                    ):
                        uses.append((path, node.lineno, f"patch {target.value.id}.{target.attr}"))
    return uses


def test_library_internals_are_used_only_in_three_small_adapters():
    uses = private_uses()
    outside = [use for use in uses if not use[0].startswith(ADAPTERS)]
    assert not outside, (
        "library internals used outside labsite/adapters/ (move them into the adapter named "
        f"for the library, with a test in tests/labsite/test_adapters.py): {outside}"
    )
    modules = {use[0] for use in uses}
    assert len(uses) <= 8 and len(modules) <= 3, uses


def test_no_library_class_is_patched_at_run_time():
    patches = [use for use in private_uses() if use[2].startswith("patch ")]
    assert not patches, patches


def test_the_scan_finds_what_it_is_meant_to_find(tmp_path):
    """The walker itself: a private read, a getattr and a patch in a stand-in app are found."""
    app = tmp_path / "labsite"
    app.mkdir()
    (app / "sneaky.py").write_text(
        "from wagtail.models import Page\n"
        "from django.db.models.sql import compiler\n"
        "def f(request, qs):\n"
        "    qs._iterable_class\n"
        "    getattr(request, '_cached_user', None)\n"
        "Page.route = f\n"
    )
    for other in ("people", "research"):
        (tmp_path / other).mkdir()
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = {what for _path, _line, what in private_uses()}
    finally:
        ROOT = saved
    assert {"_iterable_class", "_cached_user", "patch Page.route"} <= found, found
