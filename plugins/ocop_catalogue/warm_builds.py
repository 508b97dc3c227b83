"""Preview builds forked from a warm process, so an edit does not pay Python's start-up.

Starting Python and importing Pelican (with Docutils), pydantic, Babel and Jinja
takes about a second: at a province's size, more than the rebuild after an edit.
The preview (``devserver``) therefore keeps one process that has imported the
plugin's modules and nothing more, and forks it for each build: every build still starts
from a clean state (Pelican's signals, caches, settings), as a fresh process
would, but without the imports. The warm process is single-threaded, so forking
it is safe; the preview's own process serves pages on threads and is not forked.

When the plugin's code changes, the warm process holds the old code: the preview
starts a new one (``WarmBuilder.restart``).

Once a build has succeeded, the warm process unpickles the record cache it left
(``record_cache.read_ahead``) while the editor looks at the result, so the next
build forked from it starts with the records in memory, unless the cache file
changed since.

The warm process reads one request per line on its standard input, a JSON list
of the command's arguments and whether to silence its output, and answers with
the command's exit status, one line per request, on the pipe it was given.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import pkgutil
import runpy
import signal
import subprocess
import sys
from typing import IO


class WarmBuilder:
    """Runs ``python -m ocop_catalogue`` commands in processes forked from a warm one."""

    def __init__(self, environment: dict[str, str], output: IO | None = None):
        self.environment = environment
        self.output = output  # where the builds print (default: this process's terminal)
        self.process: subprocess.Popen | None = None
        self.answers = None

    def run(self, arguments: list[str], quiet: bool = False) -> int:
        """Run one command (``build -s ...``) to its end; returns its exit status."""
        for _ in range(2):  # a warm process killed since the last run (or during it) is replaced once
            if (self.process is None or self.process.poll() is not None) and not self.start():
                return 1  # it could not import the build: the reason is printed
            try:
                self.process.stdin.write(json.dumps([arguments, quiet]) + "\n")
                self.process.stdin.flush()
                answer = self.answers.readline()
            except BrokenPipeError:
                answer = ""
            except KeyboardInterrupt:
                self.stop()
                raise
            if answer:
                return int(answer)
            self.stop()
        return 1

    def restart(self) -> None:
        """A new warm process, for code that changed on disk."""
        self.stop()
        self.start()  # if the new code cannot be imported, the next run says so

    def stop(self) -> None:
        if self.process is None:
            return
        # The warm process and any build it forked share a process group of their own.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait()
        self.process.stdin.close()
        self.answers.close()
        self.process = None

    def start(self) -> bool:
        """Start the warm process and wait until it has imported the build; False if it could not."""
        reading, writing = os.pipe()
        # Its own session: Ctrl-C in the terminal stops the preview, which stops the builds,
        # instead of reaching them as a traceback.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ocop_catalogue.warm_builds", str(writing)],
            stdin=subprocess.PIPE,
            stdout=self.output,
            stderr=self.output,
            env=self.environment,
            pass_fds=[writing],
            start_new_session=True,
            text=True,
        )
        os.close(writing)
        self.answers = os.fdopen(reading, "r")
        if self.answers.readline() == "ready\n":
            return True
        self.stop()
        return False


def serve(answers_fd: int) -> None:
    """The warm process: import the build once, then fork a child per request."""
    # Every module of the plugin but the command line's entry point: with them come
    # Pelican, pydantic, Babel and Jinja, and the modules a build imports only when
    # it needs them (the templates' helpers, the booklets).
    package = importlib.import_module(__package__)
    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "__main__":
            importlib.import_module(f"{__package__}.{module.name}")
    answers = os.fdopen(answers_fd, "w", buffering=1)
    answers.write("ready\n")
    for line in sys.stdin:
        arguments, quiet = json.loads(line)
        status = _fork_and_wait(arguments, quiet)
        answers.write(f"{status}\n")
        if status == 0 and arguments[:1] == ["build"]:  # the preview's report reads no records
            _read_records_ahead(arguments)


def _read_records_ahead(arguments: list[str]) -> None:
    """Unpickle the record cache the next build will read, while the editor looks at
    this one's result (``record_cache.read_ahead``)."""
    # Imported here: the preview's own process imports this module too, and needs none of them.
    from pelican.settings import read_settings

    from .build import parse_arguments
    from .generator import record_cache_folder
    from .record_cache import read_ahead

    logging.disable(logging.WARNING)  # the build just said what the settings hold
    try:
        folder = record_cache_folder(read_settings(parse_arguments(arguments).settings))
        if folder is not None:
            read_ahead(folder)
    except Exception:  # the next build reads the cache itself, and says what is wrong
        pass
    finally:
        logging.disable(logging.NOTSET)


def _fork_and_wait(arguments: list[str], quiet: bool) -> int:
    child = os.fork()
    if child == 0:
        os._exit(_run_in_child(arguments, quiet))
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


def _run_in_child(arguments: list[str], quiet: bool) -> int:
    """``python -m ocop_catalogue`` with these arguments, as the command line runs it."""
    try:
        if quiet:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.argv = ["ocop_catalogue", *arguments]
        runpy.run_module("ocop_catalogue", run_name="__main__", alter_sys=True)
        return 0
    except SystemExit as exit:  # how the command ends, with its status
        return exit.code if isinstance(exit.code, int) else 1
    except BaseException:  # the commands report their own errors; a child must never return to the loop
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
