"""What the tests, the benchmark and the deploy tests share to drive the app:
servers on loopback (``servers``), Debian's chromium (``browser``), the app's
page as a browser sees it (``page``), Streamlit's websocket protocol without a
browser (``protocol``), readers through deploy/'s nginx (``readers``) and the
figures' statistics (``stats``). No pytest here: fixtures build on it in
tests/e2e/conftest.py."""
