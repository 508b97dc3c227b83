"""What the theme's templates get: gettext per page language, filters for
bilingual text and Babel formatting, and URL helpers."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import FunctionType, MethodType
from typing import Any

from jinja2 import Environment, Template, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.runtime import Context, Macro
from markupsafe import Markup, escape

from . import i18n, pagination
from .markup import plain_text, render_markdown
from .model import communes_in_order
from .urls import Urls
from .values import LANGS, Text


def install(env: Environment, settings: dict) -> None:
    """Set up one Jinja environment (each Pelican generator has its own)."""
    # Autoescaping is on whatever the settings say: no record may inject markup.
    env.autoescape = True
    env.context_class = CatalogueContext
    env.code_generator_class = TextEscapingCodeGenerator
    env.extend(escape_text=escape_text)
    # A build reads each template once: checking its file on every include and import
    # costs a stat() per page and partial.
    env.auto_reload = False
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    translations_dir = Path(settings["THEME"]) / "translations"
    translations = i18n.load_translations(translations_dir, LANGS)
    ugettext, ungettext = i18n.gettext_callables(translations)
    env.install_gettext_callables(ugettext, ungettext, newstyle=True)
    # The same behaviour in one call instead of three nested ones: it is the
    # most frequent call of every page.
    interface = i18n.Interface(translations)
    context_gettext, context_ngettext = interface.context_callables()
    env.globals.update(_=context_gettext, gettext=context_gettext, ngettext=context_ngettext)
    env.filters.update(
        t=text, lt=lang_text, md=markdown, summary=summary, price=price, number=number, day=day, hour=hour
    )
    env.filters.update(keep_dashes=keep_dashes, fair_days=fair_days)
    size = pagination.page_size(settings)
    env.filters["on_page"] = lambda items, number: pagination.on_page(items, number, size)
    env.filters["page_of"] = lambda position: pagination.page_of(position, size)
    env.globals["page_numbers"] = pagination.page_numbers
    urls = Urls(settings)
    env.globals.update(
        layout_part=_layout_part_helper(),
        language_macros=_language_macros_helper(),
        once_per_language=_once_per_language_helper(),
        url=_url_helper(urls),
        url_in=_url_in_helper(urls),
        communes_in_order=communes_in_order,
        LANGS=LANGS,
    )
    env.extend(catalogue_page_helpers=_page_helpers(interface, urls))


def load_theme_templates(env: Environment, settings: dict) -> None:
    """Compile the theme's page templates and partials now: done before the render
    workers fork, they inherit them instead of each compiling every template again."""
    for path in sorted((Path(settings["THEME"]) / "templates").glob("*.html")):
        env.get_template(path.name)


def page_helpers(env: Environment, lang: str, site: str) -> dict[str, Callable]:
    """``_``, ``gettext``, ``ngettext`` and ``url`` bound to a page's language and ``SITEURL``.

    The catalogue's pages are rendered with these in their context, in place of the
    globals that find the language in the context at each call (as Pelican's story
    pages still do): Jinja hands a ``pass_context`` function the context on every
    call, and a new context derived from it inside loops and macros, which made
    these calls a large share of a page's time. The output is the same."""
    return env.catalogue_page_helpers(lang, site)


def render_shared(template: Template, variables: dict[str, Any]) -> str:
    """``template.render(variables)``, for ``variables`` that hold the template's
    globals already and that nothing else uses.

    ``render`` copies the variables it is given, then copies them again under the
    template's globals (a ``ChainMap``, read key by key): a page's variables hold
    Pelican's whole context, and the copies cost about a tenth of a page's
    rendering. The output is the same."""
    context = template.new_context(variables, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        return template.environment.handle_exception()


def _page_helpers(interface: i18n.Interface, urls: Urls):
    @cache
    def bound(lang: str, site: str) -> dict[str, Callable]:
        gettext, ngettext = interface.language_callables(lang)

        def url(kind: str, key: object = "", number: int = 1) -> str:
            return f"{site}/{urls.url(kind, key, lang, number)}"

        return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "url": url}

    return bound


# Python functions and bound methods: nothing but Jinja's own mark (``pass_context``
# and the like, an attribute) can ask them for the context; their ``__call__`` cannot.
# Nor can a template's macro: it carries its own context.
_PLAIN_CALLABLES = (FunctionType, MethodType, Macro)
# The mark ``pass_context`` puts on a function.
_PASS_CONTEXT = pass_context(lambda context: None).jinja_pass_arg
_STOP_ITERATION = "value was undefined because a callable raised a StopIteration exception"


class CatalogueContext(Context):
    """Jinja's template context, calling plain Python functions straight away.

    Every call in a template (``_()``, ``url()``, ``catalogue.producer_of()``, a macro) goes
    through ``Context.call``, which looks for Jinja's marks on the callable and on its
    ``__call__``: some microseconds, tens of times on every page. A function or method
    without the mark is handed nothing, and one marked ``pass_context`` is handed this
    context (unless a loop or block set variables, which Jinja adds to a new context),
    so each is called as ``Context.call`` would."""

    def call(__self, __obj: Callable, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) not in _PLAIN_CALLABLES:
            return super().call(__obj, *args, **kwargs)
        pass_arg = getattr(__obj, "jinja_pass_arg", None)
        if pass_arg is not None:
            if pass_arg is not _PASS_CONTEXT or kwargs.get("_loop_vars") or kwargs.get("_block_vars"):
                return super().call(__obj, *args, **kwargs)
            args = (__self, *args)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(_STOP_ITERATION)


try:  # markupsafe's escape, without making a Markup of the result
    from markupsafe import _escape_inner
except ImportError:  # another version of MarkupSafe

    def _escape_inner(text: str, /) -> str:
        return str(escape(text))


def escape_text(value: Any, /) -> str:
    """What ``escape(value)`` holds, as a plain string (see ``TextEscapingCodeGenerator``)."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class TextEscapingCodeGenerator(CodeGenerator):
    """Jinja's code generator, escaping what a template outputs to plain strings.

    With autoescaping, Jinja passes each value a template outputs through
    ``escape``, which makes a ``Markup`` of it (a constructor written in Python)
    that is then only joined into the page, the macro or the block it belongs to:
    about a tenth of a page's rendering. The code calls ``escape_text``
    instead; the text is the same. Where autoescaping can change while rendering
    (``{% autoescape %}`` with a variable), Jinja's own code stays."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_text(")
        if finalize.src is not None:
            self.write(finalize.src)


def _site(context: Context) -> str:
    return context.get("SITEURL", "") or ""


def _layout_part_helper():
    rendered: dict[tuple[object, ...], Markup] = {}

    @pass_context
    def layout_part(context: Context, template: str, **variables: str) -> Markup:
        """A partial that is the same on every page of a language (the site's navigation,
        its footer), rendered once per language instead of once per page; once per
        language and value of ``variables`` when it is handed some (the navigation, the
        kind of page, to mark the section the page is in)."""
        key = (template, i18n.page_lang(context), _site(context), *sorted(variables.items()))
        if key not in rendered:
            partial = context.environment.get_template(template)
            rendered[key] = Markup(partial.render({**context.get_all(), **variables}))
        return rendered[key]

    return layout_part


def _language_macros_helper():
    modules: dict[tuple[str, str, str], TemplateModule] = {}

    @pass_context
    def language_macros(context: Context, template: str) -> TemplateModule:
        """The macros of a template, as ``{% import template with context %}`` makes them,
        made once per language instead of once per page: for macros that use only what
        every page of a language shares (the catalogue, the language, ``SITEURL``), never
        the page's own variables, which would be those of the language's first page."""
        key = (template, i18n.page_lang(context), _site(context))
        if key not in modules:
            modules[key] = context.environment.get_template(template).make_module(context.get_all(), True)
        return modules[key]

    return language_macros


def _once_per_language_helper():
    made: dict[tuple[Macro, str], Markup] = {}

    def once_per_language(macro: Macro, record: Any) -> Markup:
        """``macro(record)``, rendered once: for a macro imported once per language
        (``language_macros``) whose output depends on nothing but its record, such as a
        product's card, the same on every listing of a language that shows the product."""
        key = (macro, record.id)
        if key not in made:
            made[key] = macro(record)
        return made[key]

    return once_per_language


def _url_helper(urls: Urls):
    @pass_context
    def url(context: Context, kind: str, key: object = "", number: int = 1) -> str:
        """The address of a catalogue page in the language of this page."""
        return f"{_site(context)}/{urls.url(kind, key, i18n.page_lang(context), number)}"

    return url


def _url_in_helper(urls: Urls):
    @pass_context
    def url_in(context: Context, kind: str, key: object, lang: str) -> str:
        return f"{_site(context)}/{urls.url(kind, key, lang)}"

    return url_in


@pass_context
def text(context: Context, value: Text | None) -> str:
    """A bilingual text as plain text in the page's language (for titles and attributes)."""
    if value is None:
        return ""
    return value.get(i18n.page_lang(context))[0]


@pass_context
def lang_text(context: Context, value: Text | None) -> Markup:
    """A bilingual text for the page, marked ``lang="vi"`` where English is missing."""
    if value is None:
        return Markup("")
    page_lang = i18n.page_lang(context)
    shown, lang = value.get(page_lang)
    if lang != page_lang:
        # An f-string of escaped values, as Markup.format makes it, in a fraction of its time.
        return Markup(f'<span lang="{escape(lang)}">{escape(shown)}</span>')
    return escape(shown)


@pass_context
def markdown(context: Context, value: Text | None) -> Markup:
    """A bilingual Markdown text rendered for the page."""
    if value is None:
        return Markup("")
    page_lang = i18n.page_lang(context)
    shown, lang = value.get(page_lang)
    html = render_markdown(shown)
    if lang != page_lang:
        return Markup(f'<div lang="{escape(lang)}">{html}</div>')
    return html


@pass_context
def summary(context: Context, value: Text | None, limit: int = 160) -> Markup:
    """A bilingual Markdown text as plain text for a list, cut at a word near ``limit``;
    marked ``lang="vi"`` where English is missing, as ``lt`` does."""
    if value is None:
        return Markup("")
    page_lang = i18n.page_lang(context)
    lang = value.get(page_lang)[1]
    shown = escape(plain_text(value, lang, limit))
    return Markup(f'<span lang="{escape(lang)}">{shown}</span>') if lang != page_lang else shown


def keep_dashes(text: str) -> Markup:
    """``text`` (escaped unless it is markup already) with a no-break space before each
    spaced dash, for a heading: a dash does not begin a line ("Hội chợ OCOP Quảng Ninh" over
    "– Hè 2026" on a phone), it ends the line before with the word it follows."""
    return Markup(str(escape(text)).replace(" – ", "\u00a0– ").replace(" — ", "\u00a0— "))


@pass_context
def price(context: Context, vnd: int) -> str:
    return i18n.format_price(vnd, i18n.page_lang(context))


@pass_context
def number(context: Context, value: float) -> str:
    return i18n.format_number(value, i18n.page_lang(context))


@pass_context
def day(context: Context, value, form: str = "long") -> str:
    return i18n.format_date(value, i18n.page_lang(context), form)


@pass_context
def fair_days(context: Context, fair, timed: bool = False) -> str:
    """A fair's first and last day, or its one day (``i18n.format_days``): plain text, or
    ``timed``, each day in a ``<time>`` element that gives it to machines."""
    lang = i18n.page_lang(context)
    if not timed:
        return i18n.format_days(fair.start, fair.end, lang)
    return Markup(i18n.format_days(fair.start, fair.end, lang, mark=_time_element))


def _time_element(day, text: str) -> str:
    return f'<time datetime="{day.isoformat()}">{escape(text)}</time>'


@pass_context
def hour(context: Context, value) -> str:
    return i18n.format_hour(value, i18n.page_lang(context))
