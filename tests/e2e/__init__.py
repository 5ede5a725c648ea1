"""Browser tests (Playwright driving Debian's Chromium) of the web app."""
