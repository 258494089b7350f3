"""Time the data-layer stages of one tree in isolation; print one JSON line.

Run as `python bench/stages.py TREE`: the tree's own macros/ are imported.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

tree = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(tree))

from macros.model.catalog import Catalog, _complete  # noqa: E402
from macros.pages.addresses import site_beside  # noqa: E402
from macros.pages.generated import generated_pages  # noqa: E402
from macros.validate.dataset import check_data_dir  # noqa: E402

t0 = time.perf_counter()
data, errors = check_data_dir(tree / "data", tree / "schemas", root=tree, site=site_beside(tree / "schemas"))
t1 = time.perf_counter()
assert not errors, errors[:3]
catalog = Catalog(root=tree, data=_complete(data, tree / "schemas"))
pages = list(generated_pages(catalog))
t2 = time.perf_counter()
documents = 0.0
try:
    from macros.documents.site import site_fiches as form_documents  # the build's document step
except ImportError:
    form_documents = None
if form_documents:
    t3 = time.perf_counter()
    form_documents(catalog, "Alternance en travail social", "http://127.0.0.1:8000/")
    documents = time.perf_counter() - t3
print(
    json.dumps(
        {"validation_s": t1 - t0, "generation_s": t2 - t1, "documents_s": documents, "pages_generated": len(pages)}
    )
)
