"""OCOP catalogue: a Pelican plugin that turns YAML records into catalogue pages."""

from __future__ import annotations

from pelican import signals

from . import contacts, images
from .generator import CatalogueGenerator
from .templating import install


def _get_generators(pelican):
    return CatalogueGenerator


def _set_up_templates(generator) -> None:
    install(generator.env, generator.settings)
    images.install(generator.env, generator.settings)
    contacts.install(generator.env)


def _publish_pictures(generators) -> None:
    for generator in generators:
        if isinstance(generator, CatalogueGenerator):
            images.publish_record_pictures(generator)


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(_set_up_templates)
    signals.all_generators_finalized.connect(_publish_pictures)
