"""Writing a subcommand's output to stdout, quietly stopping when the reader goes away."""

from __future__ import annotations

import os
import sys


def write_stdout(text: str) -> None:
    """Print ``text`` and a newline; ``artlint rules | head`` ends without a traceback."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # As in the lint command: send what is left to /dev/null, or Python complains again
        # when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
