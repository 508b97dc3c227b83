import sys

# The editors' commands live apart from the build's; `check` runs without Pelican.
command = sys.argv[1] if len(sys.argv) > 1 else ""
if command in ("new", "report", "devserver", "schemas"):
    from .editor_commands import main
elif command == "check":
    from .checking import main
else:
    from .build import main

sys.exit(main())
