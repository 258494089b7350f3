"""Add an entry to a catalogue (``make new``): ``python -m scripts.new_entry``.

The command line only; the work is done by :mod:`macros.authoring.new_entry`.
"""

import sys

from macros.authoring.new_entry import main

if __name__ == "__main__":
    sys.exit(main())
