"""OCOP catalogue: a Pelican plugin that turns YAML records into catalogue pages."""

from __future__ import annotations

# Pelican is imported when Pelican registers the plugin, not on import: the
# editors' check (``checking``) runs without it, within a second.


def _get_generators(pelican):
    from .generator import CatalogueGenerator

    return CatalogueGenerator


def _set_up_templates(generator) -> None:
    from .templating import install

    install(generator.env, generator.settings)


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(_set_up_templates)
