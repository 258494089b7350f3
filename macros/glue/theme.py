"""Material's own markup, fixed where it is not what this site promises, without copying its templates.

Each fix is one regular expression over the HTML Material writes (pages: hooks/trust.py's
on_post_page; the theme's other templates, such as 404.html: its on_post_template).
Material's markup is not an API: tests/acceptance/test_private_apis.py checks, on the built site, that
every fix still finds what it fixes, and that what it removes is gone.

- ``autocomplete="off"`` on Material's hidden checkbox toggles: an attribute HTML allows only
  on text-like inputs (W3C checker, RGAA 8.2);
- ``tabindex=""`` on the navigation's section labels (partials/nav-item.html writes an empty
  value when it has none): invalid HTML, removed;
- the previous and next links' labels (partials/footer.html, « Suivant: La réforme »): French
  typography, « Suivant : La réforme » with a no-break space.

The partials that change more than a fixed string are overridden instead (overrides/partials/:
header.html, path.html, toc.html, nav.html and tabs.html copy Material 9.8.1's with a few
changes; the test checks that the installed Material's originals are still the ones they were
copied from).
"""

from __future__ import annotations

import re

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*_label") tabindex=""')
FOOTER_LABEL = re.compile(r'(class="md-footer__link md-footer__link--(?:prev|next)" aria-label="[^":]*): ')


def fixed(output: str) -> str:
    output = TOGGLE_AUTOCOMPLETE.sub(r"\1", output)
    output = EMPTY_TABINDEX.sub(r"\1", output)
    return FOOTER_LABEL.sub(r"\1&nbsp;: ", output)
