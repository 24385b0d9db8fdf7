"""Screenshots of every page type, desktop and mobile, light and dark, with Debian's Chromium.

Usage: python -m tools.screenshots OUTPUT_DIR [--base-url URL] [--only home,person,...]
Without --base-url it starts `manage.py runserver` on a free port against the current database.
"""

import argparse
import contextlib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "research-index": "/research/",
    "research-theme": "/research/training-dynamics/",
    "publication-index": "/publications/",
    "publication": "/publications/sharpness-aware-training-restricted-to-normalisation-layers/",
    "people-index": "/people/",
    "person": "/people/maren-okafor/",
    "opening-index": "/openings/",
    "opening": "/openings/phd-ocean-acoustics-2027/",
    "opening-closed": "/openings/phd-tidal-dynamics-2026/",
    "project-index": "/projects/",
    "project": "/projects/listening-reefs/",
    "engagement-index": "/engagement/",
    "activity": "/engagement/research-visit-to-the-nordic-marine-institute/",
    "news-index": "/news/",
    "news": "/news/welcome-to-our-new-phd-students/",
    "standard": "/about/",
    "accessibility-statement": "/accessibility/",
    "accessibility-feedback": "/accessibility/feedback/",
    "privacy-notice": "/privacy/",
    "supervision": "/supervision/",
    "paper-feed": "/paper-feed/",
    "subscribe": "/subscribe/?list=papers",
    "apply": "/apply/",
    "search": "/search/?q=ocean",
    "teaching-index": "/teaching/",
    "course": "/teaching/ocean-acoustics/",
    "expertise": "/find-an-expert/?text=acoustic+monitoring+of+reefs+with+hydrophones",
    "not-found": "/no-such-page/",
}
VIEWPORTS = {"desktop": (1280, 900), "mobile": (375, 800)}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(base_url: str | None):
    """``base_url``, or a `manage.py runserver` on a free port against the current database."""
    if base_url is not None:
        yield base_url
        return
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()


def main(out: Path, base_url: str | None, only: list[str] | None = None) -> None:
    pages = {name: path for name, path in PAGES.items() if not only or name in only}
    out.mkdir(parents=True, exist_ok=True)
    with served(base_url) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for device, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(base_url + path, wait_until="networkidle")
                    target = out / f"{name}-{device}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=device == "mobile")
                    print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--base-url")
    parser.add_argument("--only", help="comma-separated page names: " + ", ".join(PAGES))
    args = parser.parse_args()
    main(args.output, args.base_url, args.only.split(",") if args.only else None)
