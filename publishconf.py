"""Pelican settings for publishing: the absolute address of the site, feeds, precompressed files.

`SITEURL=https://example.org/ocop make publish` builds for a sub-path; see docs/publishing.md.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# Where the site is served, without a trailing slash: a domain root or a sub-path.
SITEURL = os.environ.get("SITEURL", "https://ocop.example.org").rstrip("/")
RELATIVE_URLS = False

# Atom feeds of the stories, one per language: feeds/vi.atom.xml, feeds/en.atom.xml.
TRANSLATION_FEED_ATOM = "feeds/{lang}.atom.xml"

# The Atom feeds name an author for each story.
AUTHOR = SITENAME  # noqa: F405

# .gz and .br twins of every text file, for nginx's gzip_static and brotli_static
# (and any host that serves precompressed files). Brotli's quality 10 takes less than
# half the time of 11 for files 1-2 % larger: worth it for a national catalogue.
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_BROTLI_QUALITY = 11

# The published site carries its printable PDF booklets, linked from the pages they mirror.
CATALOGUE_BOOKLETS = True
