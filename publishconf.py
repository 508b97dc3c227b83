"""Pelican settings for publishing: the absolute address of the site."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://ocop.example.org")
RELATIVE_URLS = False
