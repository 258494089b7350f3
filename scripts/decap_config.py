"""Print the web editor's configuration (/admin/config.yml) made from schemas/ and data/: ``python -m scripts.decap_config``.

The command line only; the work is done by :mod:`macros.editor.decap_config`.
"""

import sys

from macros.editor.decap_config import main

if __name__ == "__main__":
    sys.exit(main())
