/* Offline reading: register the service worker (sw.js at the root of the site, see
   plugins/ocop_catalogue/offline.py). A page opened before the worker took over asks it
   to keep that page and the pictures already shown, so it opens again with no signal. */
"use strict";
(function () {
  if (!("serviceWorker" in navigator)) return;
  const worker = document.currentScript.dataset.worker;
  navigator.serviceWorker.register(worker).then(() => {
    if (navigator.serviceWorker.controller) return;
    navigator.serviceWorker.ready.then((registration) => {
      const shown = Array.from(document.images).filter((img) => img.complete && img.currentSrc);
      registration.active.postMessage({ pages: [location.href], pictures: shown.map((img) => img.currentSrc) });
    });
  }).catch(() => undefined);
})();
