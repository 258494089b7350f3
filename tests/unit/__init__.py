"""Unit tests: functions on data (no site build, no browser, no process); `make test-fast` runs them."""
