"""Acceptance tests: the built site, the command-line tools, Node, Java, LibreOffice and local servers."""
