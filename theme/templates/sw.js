/* The catalogue's service worker (written by plugins/ocop_catalogue/offline.py).
   Pages: network first, the saved copy when there is no signal, else the offline page.
   The offline pages and the home pages they link to are saved when the worker installs.
   Pictures, styles, scripts and the hashed search index: the saved copy first. */
"use strict";
const SETTINGS = {{ worker|tojson }};
const PAGES = "ocop-pages";
const PICTURES = "ocop-pictures";
const ASSETS = "ocop-assets-" + SETTINGS.version;
const MAX_PICTURES = 300;
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener("install", (event) => {
  const pages = [...Object.values(SETTINGS.offline_pages), ...Object.values(SETTINGS.home_pages)].map(scoped);
  event.waitUntil(
    Promise.all([
      caches.open(PAGES).then((cache) => cache.addAll(pages)),
      caches.open(ASSETS).then((cache) => cache.addAll(SETTINGS.precache.map(scoped))),
    ]).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  const stale = (name) => name.startsWith("ocop-assets-") && name !== ASSETS;
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter(stale).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

/* A page opened before the worker took over asks it to keep that page and its pictures. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  event.waitUntil(Promise.all([
    keepAll(PAGES, data.pages || []),
    keepAll(PICTURES, data.pictures || []).then(trimPictures),
  ]));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.destination === "image") {
    event.respondWith(cacheFirst(PICTURES, request).finally(trimPictures));
  } else if (isAsset(url)) {
    event.respondWith(cacheFirst(ASSETS, request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

function isAsset(url) {
  const path = url.href.slice(self.registration.scope.length);
  // Pagefind's index files carry a hash in their names; its entry file and loader do not.
  const hashedIndex = path.startsWith("pagefind/") && /\.pf_|wasm\./.test(path);
  return path.startsWith(SETTINGS.assets_prefix) || hashedIndex;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const saved = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (saved) return saved;
    if (request.mode === "navigate") return cache.match(scoped(offlinePage(request.url)));
    throw offline;
  }
}

async function cacheFirst(name, request) {
  const cache = await caches.open(name);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

function offlinePage(address) {
  const path = address.slice(self.registration.scope.length);
  for (const [lang, prefix] of Object.entries(SETTINGS.lang_prefixes)) {
    if (path.startsWith(prefix)) return SETTINGS.offline_pages[lang];
  }
  return SETTINGS.offline_pages[SETTINGS.default_lang];
}

async function keepAll(name, addresses) {
  const cache = await caches.open(name);
  const own = addresses.filter((address) => new URL(address).origin === self.location.origin);
  await Promise.all(own.map((address) => cache.add(address).catch(() => undefined)));
}

/* Pictures are the heavy part: keep the most recent ones only. */
async function trimPictures() {
  const cache = await caches.open(PICTURES);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PICTURES)).map((key) => cache.delete(key)));
}
