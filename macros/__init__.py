"""mkdocs-macros module (mkdocs.yml, plugins: macros): what hand-written pages in docs/ may call.

The macros themselves are in macros/glue/page_macros.py; this package's subpackages are the
build's stages (docs-dev/architecture.md).
"""


def define_env(env):
    from macros.glue.page_macros import register

    register(env)
