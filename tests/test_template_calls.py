"""The shortcuts of page rendering give what Jinja and Babel would give without them."""

from __future__ import annotations

import os

from jinja2 import DictLoader, Environment, pass_context
from markupsafe import Markup
from ocop_catalogue import i18n, template_cache
from ocop_catalogue.templating import CatalogueContext, TextEscapingCodeGenerator, escape_text, render_shared

TEMPLATE = """{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}
{% for item in items %}{% set inner = item ~ "!" %}[{{ plain(item) }} {{ shows(item) }} {{ helper.method(item) }} {{ twice(item) }} {{ callable(item) }}]{% endfor %}
{% set outside = "block" %}{{ shows("end") }} {{ fails() }}|"""


class Helper:
    def method(self, value: object) -> str:
        return f"<{value}>"


class ContextCallable:
    @pass_context
    def __call__(self, context, value: object) -> str:
        return f"{context.get('item', '-')}:{value}"


def _render(context_class: type | None) -> str:
    env = Environment(loader=DictLoader({"page.html": TEMPLATE}), autoescape=True)
    if context_class is not None:
        env.context_class = context_class

    @pass_context
    def shows(context, value: object) -> str:
        # Inside the loop, Jinja hands a context that sees what the loop sets.
        return f"{value}/{context.get('inner', '-')}/{context.get('outside', '-')}"

    def fails() -> str:
        raise StopIteration

    return env.get_template("page.html").render(
        items=["a", "<b>"],
        plain=lambda value: f"*{value}*",
        shows=shows,
        helper=Helper(),
        callable=ContextCallable(),
        fails=fails,
    )


def test_catalogue_context_calls_as_jinja_does():
    expected = _render(None)
    assert "&lt;b&gt;/&lt;b&gt;!/" in expected  # what the loop sets reached the context function
    assert _render(CatalogueContext) == expected


ESCAPING = {
    "page.html": """{% macro card(x) %}<i>{{ x }}</i>{{ caller() if caller }}{% endmacro %}
{{ text }} {{ safe }} {{ number }} {{ html_object }} {{ missing }} {{ text ~ safe }} {{ text|e }} {{ safe|safe }}
{{ card(text) }}{% call card(safe) %}{{ text }}{% endcall %}
{% set block %}{{ text }}<b>{% endset %}{{ block }} {{ block|length }}
{% filter upper %}{{ text }}{% endfilter %}
{% autoescape false %}{{ text }}{% endautoescape %}{% autoescape flag %}{{ text }}{% endautoescape %}
{% include "part.html" %}{% import "part.html" as part %}{{ part.shout(text) }}""",
    "part.html": """{% macro shout(x) %}{{ x|upper }}!{% endmacro %}[{{ text }}]""",
}


class HTMLObject:
    def __html__(self) -> str:
        return "<em>kept</em>"


def _escaping_env(generator: type | None) -> Environment:
    env = Environment(loader=DictLoader(ESCAPING), autoescape=True)
    if generator is not None:
        env.code_generator_class = generator
        env.extend(escape_text=escape_text)
    return env


def test_output_escaped_to_plain_strings_is_what_jinja_escapes():
    values = {
        "text": "<script>'a' & \"b\"</script>",
        "safe": Markup("<b>bold</b>"),
        "number": 5,
        "html_object": HTMLObject(),
    }
    ours_env = _escaping_env(TextEscapingCodeGenerator)
    assert "environment.escape_text(" in ours_env.compile(ESCAPING["page.html"], raw=True)
    ours = ours_env.get_template("page.html")
    for flag in (True, False):
        expected = _escaping_env(None).get_template("page.html").render(values, flag=flag)
        assert "&lt;script&gt;&#39;a&#39; &amp; &#34;b&#34;&lt;/script&gt;" in expected
        assert "<script>'a'" in expected  # {% autoescape false %}
        assert ours.render(values, flag=flag) == expected
        assert render_shared(ours, {**ours.globals, **values, "flag": flag}) == expected


def test_compiled_templates_are_cached_apart_by_code_generator(tmp_path):
    """Code that calls ``escape_text`` is never handed to an environment without it."""
    ours = _escaping_env(TextEscapingCodeGenerator)
    template_cache.install(ours, tmp_path)
    assert ours.get_template("part.html").render(text="<x>") == "[&lt;x&gt;]"
    stock = _escaping_env(None)
    template_cache.install(stock, tmp_path)
    assert stock.get_template("part.html").render(text="<x>") == "[&lt;x&gt;]"
    assert len(list((tmp_path / "templates").iterdir())) == 2


def _write_po(path, translation: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Search"\nmsgstr "{translation}"\n'
    )


def test_translations_are_read_again_when_their_file_changes(tmp_path):
    po = tmp_path / "en" / "LC_MESSAGES" / "messages.po"
    _write_po(po, "Find")
    first = i18n.load_translations(tmp_path, ("en", "fr"))
    assert first["en"].gettext("Search") == "Find"
    assert first["fr"].gettext("Search") == "Search"  # no file: the message itself
    assert i18n.load_translations(tmp_path, ("en",))["en"] is first["en"]  # parsed once
    _write_po(po, "Look up")
    stat = po.stat()
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert i18n.load_translations(tmp_path, ("en",))["en"].gettext("Search") == "Look up"


def test_interface_strings_with_variables_format_as_jinja_does(tmp_path):
    """The language's gettext keeps what it formatted once: a text is still escaped, a value
    already marked safe is not, though both print the same characters."""
    po = tmp_path / "en" / "LC_MESSAGES" / "messages.po"
    _write_po(po, "Find")
    translations = i18n.load_translations(tmp_path, ("en",))
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(translations["en"].gettext, translations["en"].ngettext, newstyle=True)
    jinja_gettext = env.globals["gettext"]
    lang_gettext, _ = i18n.Interface(translations).language_callables("en")
    context = env.from_string("").new_context()
    for name in ("<b>Mật ong</b>", Markup("<b>Mật ong</b>"), "<b>Mật ong</b>", 5):
        expected = jinja_gettext(context, "Contact %(name)s", name=name)
        assert lang_gettext("Contact %(name)s", name=name) == expected
        assert type(lang_gettext("Contact %(name)s", name=name)) is Markup
    assert lang_gettext("Contact %(name)s", name="<b>") != lang_gettext("Contact %(name)s", name=Markup("<b>"))
