"""OCOP catalogue: a Pelican plugin that turns YAML records into catalogue pages."""

from __future__ import annotations

from pelican import signals

from . import search
from .generator import CatalogueGenerator
from .templating import install


def _get_generators(pelican):
    return CatalogueGenerator


def _set_up_templates(generator) -> None:
    install(generator.env, generator.settings)


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(_set_up_templates)
    signals.generator_init.connect(search.install_filters)
    signals.finalized.connect(search.index_site)
