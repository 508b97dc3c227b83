"""Compiled templates kept between builds (Jinja's bytecode cache, under ``CACHE_PATH``).

Compiling the theme's templates takes about a second of CPU per build, and
each render worker compiled them again: after an edit at a province's size,
that was a quarter of the rebuild. Jinja keeps the compiled code by template
and checks it against the template's source on every load, so an edited
template is compiled again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment's options as well.

    Jinja keys compiled code by the template's name and source only, but the
    same source compiles differently with other delimiters, whitespace
    options, extensions or autoescaping (``JINJA_ENVIRONMENT``), another
    code generator, or another version of Jinja."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        return super().get_bucket(environment, f"{_options(environment)}:{name}", filename, source)


def _options(environment: Environment) -> str:
    options = [
        jinja2.__version__,  # the code it compiles to changes between versions
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        environment.finalize is not None,
        callable(environment.autoescape) or environment.autoescape,
        sorted(environment.extensions),
        # the code a template compiles to, and the names that code calls (``templating``)
        f"{environment.code_generator_class.__module__}.{environment.code_generator_class.__qualname__}",
    ]
    return hashlib.blake2b(repr(options).encode(), digest_size=8).hexdigest()


def install(environment: Environment, cache: Path) -> None:
    folder = cache / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = TemplateCache(str(folder))
