"""varnishd's command line as docs/deployment.md gives it: the repository's VCL and parameters.

bench/bench_http.py, bench/bench_varnish.py and tests/browser/test_varnish.py start Varnish
through this, so what is measured and tested is what a deployment runs."""

from pathlib import Path

PAGECACHE = Path(__file__).resolve().parents[2] / "labsite" / "pagecache"
VCL = PAGECACHE / "varnish.vcl"
PARAMS = PAGECACHE / "varnishd.params"


def parameters() -> list[str]:
    """`-p name=value` for each line of varnishd.params (comments and blank lines skipped)."""
    arguments = []
    for line in PARAMS.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            arguments += ["-p", line]
    return arguments


def vcl_for_backend(port: int | str, vcl: Path = VCL) -> str:
    """The repository's VCL (or another, e.g. an earlier commit's) with its backend moved to
    `port` on this machine."""
    source = vcl.read_text()
    if '.port = "8000";' not in source:
        raise ValueError(f"{vcl} does not name gunicorn's port 8000 ('.port = \"8000\";')")
    return source.replace('.port = "8000";', f'.port = "{port}";')
