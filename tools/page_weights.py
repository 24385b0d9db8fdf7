"""What each page type costs to load: bytes transferred without images, and requests made.

Usage: python -m tools.page_weights [--base-url URL]
Without --base-url it starts `manage.py runserver` against the current database (as
tools.screenshots does). Bytes are response bodies as served by runserver (uncompressed); the
gzip column is what whitenoise and a compressing proxy send in production.
"""

import argparse
import gzip
import shutil

from playwright.sync_api import sync_playwright

from tools.screenshots import CHROMIUM_ARGS, PAGES, served


def measure(page, url: str) -> tuple[int, int, int]:
    sizes: dict[str, tuple[int, int]] = {}

    def on_response(response):
        # Redirects have no body; an error page (the 404) still counts.
        if response.request.resource_type == "image" or 300 <= response.status < 400:
            return
        body = response.body()
        sizes[response.url] = (len(body), len(gzip.compress(body)))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", on_response)
    raw = sum(size for size, _ in sizes.values())
    packed = sum(size for _, size in sizes.values())
    return raw, packed, len(sizes)


def main(base_url: str | None) -> None:
    with served(base_url) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        print(f"{'page type':20} {'KB':>7} {'KB gzip':>8} {'requests':>9}")
        for name, path in PAGES.items():
            context = browser.new_context()  # a first visit: nothing cached
            raw, packed, count = measure(context.new_page(), base + path)
            print(f"{name:20} {raw / 1024:7.1f} {packed / 1024:8.1f} {count:9}")
            context.close()
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url")
    main(parser.parse_args().base_url)
