"""Benchmark: Lighthouse (mobile) scores for every public page type, behind the production chain.

Run: .venv/bin/python bench/bench_lighthouse.py [--pages home,person] [--lighthouse PATH]

Loads the demo group into a throwaway SQLite database, collects static files, starts gunicorn
(2 sync workers, the page cache on) behind nginx (static files and media from disk, gzip on,
as docs/deployment.md describes), then runs Lighthouse's mobile audit of each page type in
Debian's Chromium and prints the four category scores and every audit that did not pass.
Needs Node.js and nginx; Lighthouse itself is installed with npm into var/lighthouse the first
time (not part of the repository's lock files: a measuring tool, not a dependency).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support import free_port, wait_for  # noqa: E402
from tools.screenshots import PAGES  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse_binary(given: str | None) -> str:
    if given:
        return given
    local = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if not local.exists():
        if not shutil.which("npm"):
            raise SystemExit("Lighthouse needs Node.js and npm (apt-get install nodejs npm)")
        print("installing Lighthouse into var/lighthouse (once)...", flush=True)
        local.parent.parent.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(local.parents[2]),
             "lighthouse@12"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return str(local)


def audit(lighthouse: str, url: str, report: Path) -> dict:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    for _attempt in range(3):  # Lighthouse's trace sometimes misses the navigation: retry
        finished = subprocess.run(
            [lighthouse, url, "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
            env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True,
        )  # fmt: skip
        if finished.returncode == 0:
            break
    if finished.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{finished.stderr[-3000:]}")
    return json.loads(report.read_text())


def failing(result: dict) -> list[str]:
    refs = {
        ref["id"]
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref.get("weight", 0) > 0
    }
    out = []
    for audit_id in sorted(refs):
        item = result["audits"][audit_id]
        if item.get("score") is not None and item["score"] < 1:
            rows = (item.get("details") or {}).get("items") or []
            first = rows[0] if rows else {}
            where = (
                first.get("description")
                or (first.get("node") or {}).get("snippet")
                or first.get("source")
                or first.get("url")
                or ""
            )
            text = f"{audit_id} ({item['score']:.2f}) {item.get('displayValue', '')} {where}"
            out.append(" ".join(str(text).split())[:240])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--lighthouse", help="a lighthouse executable to use")
    args = parser.parse_args()
    # Lighthouse refuses to audit a 404 answer, so the not-found page is left out.
    names = args.pages.split(",") if args.pages else [n for n in PAGES if n != "not-found"]
    unknown = [name for name in names if name not in PAGES]
    if unknown:
        parser.error(f"unknown page names {unknown}; known: {', '.join(PAGES)}")
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        # `make bench` runs every benchmark: say what is missing and let the others run.
        print("skipped: nginx is not installed (apt-get install nginx-light)")
        return
    if not args.lighthouse and not shutil.which("npm"):
        print("skipped: Lighthouse needs Node.js and npm (apt-get install nodejs npm)")
        return
    lighthouse = lighthouse_binary(args.lighthouse)

    work = Path(tempfile.mkdtemp(prefix="labsite-bench-lighthouse-"))
    (work / "bench_settings.py").write_text(
        "from labsite.settings.test import *  # noqa\n"
        "ALLOWED_HOSTS = ['*']\n"
        f"MEDIA_ROOT = {str(work / 'media')!r}\n"
        f"STATIC_ROOT = {str(work / 'static')!r}\n"
        f"PAGE_CACHE_STAMP_FILE = {str(work / 'generation')!r}\n"
        "PAGE_CACHE_STORE = True\n"
        # Pictures at the size a group uploads: the test settings draw the demo's at a quarter,
        # which Lighthouse rightly finds too small for their slots (image-size-responsive).
        "LABSITE_DEMO_IMAGE_SCALE = 1\n"
    )
    env = dict(
        os.environ,
        PYTHONPATH=f"{work}:{ROOT}",
        DJANGO_SETTINGS_MODULE="bench_settings",
        DATABASE_URL=f"sqlite:///{work}/bench.sqlite3",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["load_demo", "--no-admin", "-v0"],
                    ["collectstatic", "--noinput", "-v0"]):  # fmt: skip
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT)

    processes = []
    try:
        app_port, proxy_port = free_port(), free_port()
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "labsite.wsgi", "-w", "2",
             "-b", f"127.0.0.1:{app_port}"],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        processes.append(app)
        wait_for(app_port, app, "gunicorn")
        (work / "nginx.conf").write_text(f"""
daemon off; user root; worker_processes 1; pid {work}/nginx.pid; error_log {work}/nginx.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types; access_log off;
  gzip on; gzip_types text/css application/javascript image/svg+xml application/json;
  server {{
    listen 127.0.0.1:{proxy_port};
    location /static/ {{ alias {work}/static/; expires 1y; }}
    location /media/ {{ alias {work}/media/; expires 1y; }}
    location / {{ proxy_pass http://127.0.0.1:{app_port}; proxy_set_header Host $http_host; }}
  }}
}}
""")
        nginx = subprocess.Popen(
            ["nginx", "-c", str(work / "nginx.conf")], stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        processes.append(nginx)
        wait_for(proxy_port, nginx, "nginx")

        print(f"{'page':20} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  failing audits")
        for name in names:
            result = audit(lighthouse, f"http://127.0.0.1:{proxy_port}{PAGES[name]}",
                           work / f"{name}.json")  # fmt: skip
            scores = [round(100 * result["categories"][c]["score"]) for c in CATEGORIES]
            problems = failing(result)
            print(f"{name:20} {scores[0]:>5} {scores[1]:>5} {scores[2]:>5} {scores[3]:>5}  "
                  + ("; ".join(problems) if problems else "none"), flush=True)  # fmt: skip
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass


if __name__ == "__main__":
    main()
