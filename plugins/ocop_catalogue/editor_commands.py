"""Editors' commands: ``python -m ocop_catalogue new|report|devserver|serve|schemas``.

``new`` writes a valid record, ``report`` lists what is untranslated,
expiring or missing, ``devserver`` previews the site while records are
edited, ``serve`` serves the built site, and ``schemas`` regenerates the JSON Schemas and the data-format
tables from the models.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checking import build_date, data_path, find_problems, read_settings, read_story_headers
from .problems import unexpected_failure
from .scaffold import QUESTIONS, Refused, new_record

ROOT = Path(__file__).resolve().parent.parent.parent


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (KeyboardInterrupt, EOFError):  # Ctrl+C, or Ctrl+D at a question of `new`
        print("\nstopped", file=sys.stderr)
        return 130
    except Exception as error:  # an editor must see one clear line, not a traceback
        if args.debug:
            raise
        print(unexpected_failure(error), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ocop_catalogue", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="write a new product, producer or fair")
    kinds = new.add_subparsers(dest="record_kind", required=True)
    for kind, questions in QUESTIONS.items():
        sub = kinds.add_parser(kind, help=f"a new {kind}")
        _settings_option(sub)
        sub.add_argument("--id", help="the id (default: the Vietnamese name, slugged)")
        for question in questions:
            sub.add_argument("--" + question.option.replace("_", "-"), dest=question.option, help=question.prompt)
        sub.set_defaults(run=_new)
    report = commands.add_parser("report", help="what is untranslated, expiring or missing")
    _settings_option(report)
    report.add_argument("--html", metavar="PATH", help="also write it as a page (output/bien-tap/index.html)")
    report.set_defaults(run=_report)
    devserver = commands.add_parser("devserver", help="serve the site and rebuild it on every change")
    _settings_option(devserver)
    devserver.add_argument("-o", "--output", help="the output folder (default: OUTPUT_PATH)")
    devserver.add_argument("-p", "--port", type=int, default=8000)
    devserver.set_defaults(run=_devserver)
    served = commands.add_parser("serve", help="serve the built site as its hosts do, its not-found page included")
    served.add_argument("-o", "--output", default="output", help="the output folder (default: output)")
    served.add_argument("-p", "--port", type=int, default=8000)
    served.set_defaults(run=_serve)
    schemas = commands.add_parser("schemas", help="regenerate docs/schemas/ and the tables of docs/data-format.md")
    _debug_option(schemas)
    schemas.set_defaults(run=_schemas)
    return parser


def _settings_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="the Pelican settings file")
    _debug_option(parser)


def _debug_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected failures")


def _new(args: argparse.Namespace) -> int:
    data = data_path(read_settings(args.settings))
    try:
        path = new_record(args.record_kind, data, vars(args), ask=sys.stdin.isatty())
    except Refused as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(data.parent).as_posix()}; check it with `make check`", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import as_text, make_report, write_html

    # The check's own problems, errors between records included, for the count of files with errors.
    settings = read_settings(args.settings)
    records, problems = find_problems(settings, read_story_headers(settings))
    report = make_report(records, build_date(), problems)
    sys.stdout.write(as_text(report))
    if args.html:
        write_html(report, Path(args.html))
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def _devserver(args: argparse.Namespace) -> int:
    from .devserver import serve

    return serve(args.settings, args.output, args.port)


def _serve(args: argparse.Namespace) -> int:
    from .site_server import serve

    return serve(args.output, args.port)


def _schemas(args: argparse.Namespace) -> int:
    from .editor_schema import write_schemas
    from .format_docs import write_document

    for path in [*write_schemas(ROOT), write_document(ROOT)]:
        print(f"wrote {path.relative_to(ROOT).as_posix()}", file=sys.stderr)
    return 0
