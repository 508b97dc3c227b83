"""Offline reading on a phone: pages and pictures opened once open again with no signal."""

from __future__ import annotations

from pathlib import Path

from conftest import parse
from playwright.sync_api import Page, expect

# Resolves once the service worker controls the page and has saved it and the given
# pictures, or gives up after 30 s.
SAVED = """async (pictures) => {
  await navigator.serviceWorker.ready;
  const saved = async (address) => Boolean(await caches.match(address));
  for (let tries = 0; tries < 300; tries++) {
    const all = await Promise.all([location.href, ...(pictures || [])].map(saved));
    if (navigator.serviceWorker.controller && all.every(Boolean)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""

PICTURE_SHOWN = "img => img.complete && img.naturalWidth > 0"


def heading(demo_site: Path, page_file: str) -> str:
    return parse(demo_site / page_file).h1.get_text(" ", strip=True)


def test_a_page_opened_once_opens_again_offline(phone, page: Page, site_url, demo_site):
    page.goto(f"{site_url}/san-pham/dau-lac-hai-yen/")
    picture = page.locator(".main-picture img").evaluate("img => img.currentSrc")
    assert page.evaluate(SAVED, [picture])
    page.goto(f"{site_url}/chu-the/htx-nong-nghiep-hai-yen/")
    assert page.evaluate(SAVED)

    # Later, with no signal and the browser's own cache long emptied: only what the
    # service worker saved is left to show.
    phone.new_cdp_session(page).send("Network.clearBrowserCache")
    phone.set_offline(True)
    page.goto(f"{site_url}/san-pham/dau-lac-hai-yen/")
    assert page.locator("h1").inner_text() == heading(demo_site, "san-pham/dau-lac-hai-yen/index.html")
    assert page.locator(".main-picture img").evaluate(PICTURE_SHOWN)
    page.goto(f"{site_url}/chu-the/htx-nong-nghiep-hai-yen/")
    assert page.locator("h1").inner_text() == heading(demo_site, "chu-the/htx-nong-nghiep-hai-yen/index.html")

    # A page never opened: the offline page, listing what this phone has saved.
    page.goto(f"{site_url}/san-pham/gao-nep-cai-hoa-vang-dong-trieu/")
    assert page.locator("h1").inner_text() == heading(demo_site, "offline.html")
    saved = page.locator(".saved-pages a")
    expect(saved.first).to_be_visible()
    assert {link.get_attribute("href").removeprefix(site_url) for link in saved.all()} == {
        "/san-pham/dau-lac-hai-yen/",
        "/chu-the/htx-nong-nghiep-hai-yen/",
    }


def test_pages_never_opened_show_the_offline_page_of_their_language(phone, page: Page, site_url, demo_site):
    page.goto(f"{site_url}/")
    assert page.evaluate(SAVED)

    phone.set_offline(True)
    page.goto(f"{site_url}/san-pham/gao-nep-cai-hoa-vang-dong-trieu/")
    assert page.locator("h1").inner_text() == heading(demo_site, "offline.html")
    page.goto(f"{site_url}/en/products/gao-nep-cai-hoa-vang-dong-trieu/")
    assert page.locator("h1").inner_text() == heading(demo_site, "en/offline.html")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_offline_pages_link_home_opens_with_no_signal(phone, page: Page, site_url, demo_site):
    # A visitor who came in on a product's page, never on the home page.
    page.goto(f"{site_url}/en/products/dau-lac-hai-yen/")
    assert page.evaluate(SAVED)

    phone.new_cdp_session(page).send("Network.clearBrowserCache")
    phone.set_offline(True)
    for never_opened, home in [
        ("/en/products/gao-nep-cai-hoa-vang-dong-trieu/", "en/index.html"),
        ("/san-pham/gao-nep-cai-hoa-vang-dong-trieu/", "index.html"),
    ]:
        page.goto(site_url + never_opened)
        assert page.locator("h1").inner_text() != heading(demo_site, home)
        page.locator("main .more a").click()  # "Back to the home page"
        expect(page.locator("h1")).to_have_text(heading(demo_site, home))
    # It is linked there, not listed again among the pages saved on this phone.
    page.goto(site_url + "/en/products/gao-nep-cai-hoa-vang-dong-trieu/")
    expect(page.locator(".saved-pages a").first).to_be_visible()
    saved = {link.get_attribute("href").removeprefix(site_url) for link in page.locator(".saved-pages a").all()}
    assert saved == {"/en/products/dau-lac-hai-yen/"}
