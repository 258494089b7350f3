"""Built sites compared file by file (hashes), with Pagefind's unordered filter files compared by content."""

from __future__ import annotations

import gzip
import hashlib
import re


def snapshot(site) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


# Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to
# run: the filter files (named by their hash) and the two files naming them differ in
# bytes, not in content. Everything else must be byte-identical.
PAGEFIND_UNORDERED = re.compile(r"^pagefind/(filter/[^/]+\.pf_filter|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta)$")


def pagefind_filters(site) -> list[bytes]:
    """Pagefind's filter files, content only: byte multisets (order-free), sorted."""
    return sorted(
        bytes(sorted(gzip.decompress(p.read_bytes()))) for p in (site / "pagefind" / "filter").glob("*.pf_filter")
    )
