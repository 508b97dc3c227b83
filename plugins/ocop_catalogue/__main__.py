import sys

# The editors' commands live apart from the build's, which stays as it is.
if len(sys.argv) > 1 and sys.argv[1] in ("new", "report", "devserver", "schemas"):
    from .editor_commands import main
else:
    from .build import main

sys.exit(main())
