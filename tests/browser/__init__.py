"""Real-browser tests (Playwright driving Debian's chromium).

This directory is a package so that its conftest is imported as
``browser.conftest`` and does not take the place of the suite's top-level
``conftest`` module, which other test modules import (``from conftest import
LiveServer``).
"""
