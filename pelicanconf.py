"""Pelican settings of the OCOP catalogue (development build)."""

SITENAME = "OCOP Quảng Ninh"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["ocop_catalogue"]

# The catalogue's records live in data/ beside content/ (CATALOGUE_DATA_PATH).
# Set CATALOGUE_STRICT = True to stop the build on warnings too.

# Stories: Markdown articles under content/stories/, one file per language,
# the two languages of a story sharing their Slug.
ARTICLE_PATHS = ["stories"]
ARTICLE_URL = "tin-tuc/{slug}/"
ARTICLE_SAVE_AS = "tin-tuc/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/stories/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/stories/{slug}/index.html"
# Hidden files and folders (.tin.md, an editor's .tin.md.swp) are not read, as the
# check does not read them: Pelican's default pattern matches no file name.
IGNORE_FILES = [".*"]
# Pictures are not copied as they are: the catalogue encodes them for phones (images.py).
STATIC_PATHS = []
PAGE_PATHS = []
# Stories are Markdown; without the reStructuredText reader Docutils stays quiet.
READERS = {"rst": None}

# The catalogue writes its own home, listings and 404 pages; Pelican's blog
# pages (tags, categories, authors, archives) are not part of this site.
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}

RELATIVE_URLS = False

# Print: QR codes on paper open the published site. A publishing build uses its
# absolute SITEURL; this development build has none, so it names the address here.
CATALOGUE_PUBLIC_URL = "https://ocop.example.org"
# `make catalogue` writes the PDF booklets (CATALOGUE_BOOKLETS = True) to BOOKLET_URL.
BOOKLET_URL = "pdf/{lang}/{kind}-{id}.pdf"
BOOKLET_MARGINS = "20mm 16mm 18mm 16mm"  # top, right, bottom, left of every A4 page
