"""OCOP catalogue: a Pelican plugin that turns YAML records into catalogue pages."""

from __future__ import annotations

# Pelican and the page-writing modules are imported when Pelican registers the
# plugin, not on import: the editors' check (``checking``) runs without them,
# within a second.


def _get_generators(pelican):
    from .generator import CatalogueGenerator
    from .pdf import BookletGenerator

    # The booklets are listed after the catalogue is loaded, and before any page is written.
    return [CatalogueGenerator, BookletGenerator]


def set_up_templates(generator) -> None:
    """Give a generator's Jinja environment the catalogue's filters, helpers and translations."""
    from . import charts, contacts, fair_calendar, images, opendata, social, template_cache
    from .generator import cache_path
    from .printing import install_print_helpers
    from .templating import install

    install(generator.env, generator.settings)
    template_cache.install(generator.env, cache_path(generator.settings))
    social.install(generator.env, generator.settings)
    charts.install(generator.env)
    opendata.install(generator.env, generator.settings)
    images.install(generator.env, generator.settings)
    contacts.install(generator.env)
    fair_calendar.install(generator.env, generator.settings)
    install_print_helpers(generator.env, generator.settings)


def _finish_story(content) -> None:
    """Pelican's ``content_object_init``: a story's HTML cleaned, then its pictures made
    ready for phones (in this order: the cleaning would remove ``<picture>``)."""
    from .story_html import clean_story
    from .story_pictures import make_pictures_ready

    clean_story(content)
    make_pictures_ready(content)


def _use_story_reader(readers) -> None:
    from .story_reader import use_story_reader

    use_story_reader(readers)


def _publish_pictures(generators) -> None:
    """Every picture of the records and the published stories into the output, in one pass."""
    from pathlib import Path

    from .generator import CatalogueGenerator
    from .images import Pictures, record_pictures
    from .story_pictures import story_pictures

    catalogue = next((generator for generator in generators if isinstance(generator, CatalogueGenerator)), None)
    if catalogue is None:
        return
    files = record_pictures(catalogue.catalogue) + story_pictures(generators)
    Pictures(catalogue.settings).publish(files, Path(catalogue.output_path))


def register() -> None:
    from pelican import signals

    from . import publishing, search
    from .stories import keep_drafts_unwritten

    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(set_up_templates)
    signals.readers_init.connect(_use_story_reader)
    signals.content_object_init.connect(_finish_story)
    signals.article_generator_finalized.connect(keep_drafts_unwritten)
    signals.all_generators_finalized.connect(_publish_pictures)
    signals.generator_init.connect(search.install_filters)
    publishing.register()
