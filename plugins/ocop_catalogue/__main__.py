import os
import sys

# The editors' commands live apart from the build's; `check` runs without Pelican.
command = sys.argv[1] if len(sys.argv) > 1 else ""
if command in ("new", "report", "devserver", "serve", "schemas"):
    from .editor_commands import main
elif command == "check":
    from .checking import main
else:
    from .build import main

status = main()
if command == "build":
    # A build leaves millions of objects behind (a national catalogue's records): the
    # interpreter freed them one by one at exit, seconds after the build had ended,
    # while the system reclaims the process's memory at once. Everything is written.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
sys.exit(status)
