"""OCOP catalogue: a Pelican plugin that turns YAML records into catalogue pages."""

from __future__ import annotations

from pelican import signals

from .generator import CatalogueGenerator
from .pdf import BookletGenerator
from .printing import install_print_helpers
from .templating import install


def _get_generators(pelican):
    # The booklets are listed after the catalogue is loaded, and before any page is written.
    return [CatalogueGenerator, BookletGenerator]


def _set_up_templates(generator) -> None:
    install(generator.env, generator.settings)
    install_print_helpers(generator.env, generator.settings)


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(_set_up_templates)
