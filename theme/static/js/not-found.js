/* The page-not-found page, which the host shows at the address that was asked for: the words
   of that address (a name cut or mistyped off a booklet, `/san-pham/cha-muc/`) are put in the
   search box, so that one tap searches for what the visitor was after. */
"use strict";
(function () {
  const box = document.getElementById("search-box");
  const segments = location.pathname.split("/").filter(Boolean);
  let last = segments.pop() || "";
  try {
    last = decodeURIComponent(last);
  } catch (malformed) {
    return;
  }
  // A slug's dashes are its spaces; an extension and the page's own name are no words.
  const words = last.replace(/\.(html?|php|aspx?)$/i, "").replace(/[-_+.]+/g, " ").trim();
  if (!box || box.value || !/\p{L}/u.test(words) || /^(404|index)$/i.test(words)) return;
  box.value = words;
})();
