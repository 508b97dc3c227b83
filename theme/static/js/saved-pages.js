/* The offline page: lists the pages of its language that this phone has saved, newest first,
   so a visitor with no signal sees what can still be opened. */
"use strict";
(async function () {
  const list = document.querySelector(".saved-pages");
  if (!list || !("caches" in window)) return;
  const MAX_SHOWN = 30;
  const lang = document.documentElement.lang;
  const cache = await caches.open("ocop-pages");
  const requests = (await cache.keys()).reverse();
  // The home page is saved ahead and linked below the list already.
  const home = document.querySelector(".back-home");
  const parser = new DOMParser();
  for (const request of requests) {
    if (list.children.length >= MAX_SHOWN) break;
    if (home && request.url === home.href) continue;
    const response = await cache.match(request);
    if (!(response.headers.get("content-type") || "").startsWith("text/html")) continue;
    const page = parser.parseFromString(await response.text(), "text/html");
    if (page.documentElement.lang !== lang || page.querySelector(".saved-pages")) continue;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = request.url;
    link.textContent = (page.querySelector("h1") || page.querySelector("title")).textContent.trim();
    item.append(link);
    list.append(item);
  }
  list.closest("section").hidden = list.children.length === 0;
})();
