"""Turn a GitHub issue written with one of our issue forms into a catalogue entry: ``python -m scripts.issue_to_entry``.

The command line only; the work is done by :mod:`macros.authoring.issue_entry`.
"""

import sys

from macros.authoring.issue_entry import main

if __name__ == "__main__":
    sys.exit(main())
