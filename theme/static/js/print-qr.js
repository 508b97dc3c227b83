/* The printed page's QR code, drawn in the browser when the page is printed (see docs/print.md).
   The address is the page's on the published site, in the aside's data-address. The browser
   takes its print snapshot right after "beforeprint", too soon to fetch anything: the encoder
   (lean-qr's nano build, 2 KB) is fetched once the page has loaded and the phone is idle, and
   the code is then drawn synchronously, only if the page is printed. */
"use strict";
(function () {
  const aside = document.querySelector(".print-qr[data-address]");
  const encoder = document.currentScript.dataset.encoder;
  if (!aside || !encoder) return;
  let qr = null;

  function load() {
    import(encoder).then((module) => { qr = module; }).catch(() => undefined);
  }

  function draw() {
    if (!qr || aside.querySelector("svg")) return;
    const code = qr.generate(aside.dataset.address, { minCorrectionLevel: qr.correction.M });
    aside.insertAdjacentHTML("afterbegin", svg(code));
  }

  // One path of dark runs, row by row, with a quiet zone of two modules (as qrcodes.py draws it).
  function svg(code) {
    let path = "";
    for (let y = 0; y < code.size; y++) {
      for (let x = 0; x < code.size; x++) {
        if (!code.get(x, y)) continue;
        const start = x;
        while (code.get(x + 1, y)) x++;
        path += "M" + start + " " + y + "h" + (x + 1 - start) + "v1h-" + (x + 1 - start) + "z";
      }
    }
    const box = code.size + 4;
    return '<svg class="print-qr-code" viewBox="-2 -2 ' + box + " " + box + '" shape-rendering="crispEdges">' +
      '<path fill="#000" d="' + path + '"/></svg>';
  }

  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 1));
  if (document.readyState === "complete") idle(load);
  else window.addEventListener("load", () => idle(load));
  window.addEventListener("beforeprint", draw);
  // Browsers that switch to print media without "beforeprint" still announce the change.
  window.matchMedia("print").addEventListener("change", (event) => { if (event.matches) draw(); });
})();
