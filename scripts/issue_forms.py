"""Write the GitHub issue forms from schemas/ and data/ (``--check``: fail if they are stale): ``python -m scripts.issue_forms``.

The command line only; the work is done by :mod:`macros.authoring.issue_forms`.
"""

import sys

from macros.authoring.issue_forms import main

if __name__ == "__main__":
    sys.exit(main())
