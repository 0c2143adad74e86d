"""Streamlit's own command, with this process's setup done before it serves.

    python -m components.server run app.py [streamlit options]

``streamlit run app.py`` installs nothing until the app's first run, and that
run starts only once a message has arrived: a process's very first message
passes unpaced. When a reader's process dies and nginx sends the reconnected
frontend to a freshly restarted one, that first message is the reader's click,
and without the pacer it is lost (components/pacing.py, ``_first_run_then``).
deploy/serve.py, scripts/run.sh and the tests start the app this way; app.py
still installs the pacer on its first run for a bare ``streamlit run``.
"""

from __future__ import annotations

from streamlit.web import cli

from components import pacing


def main() -> None:
    pacing.install()
    # The same program name as `python -m streamlit` (streamlit/__main__.py).
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
