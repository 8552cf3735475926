"""The README's screenshot, taken in the system's headless Chromium as the browser tier runs it:

    .venv/bin/python -m tests.web.screenshot web/screenshot.png
"""

from __future__ import annotations

import datetime as dt
import sys

from kb.load import load
from web.app import create_app

from .browser import chromium, served

PAGE, ON = "/gaps", dt.date(2026, 6, 1)


def main(path: str) -> None:
    with served(create_app(load(None), lambda: ON)) as base, chromium() as context:
        page = context.new_page()
        page.set_viewport_size({"width": 1100, "height": 860})
        page.goto(f"{base}{PAGE}?on={ON}&lang=en")
        page.screenshot(path=path)


if __name__ == "__main__":
    main(sys.argv[1])
