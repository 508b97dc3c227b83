/* The search page: Pagefind's JS API over the index of the page's language
   (Pagefind picks it from <html lang>). The query and filters live in the
   address (?q=…&star=…), so a search can be shared or reloaded. */
"use strict";
(function () {
  const form = document.querySelector("form.search");
  const input = form.querySelector("input[name=q]");
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const status = document.querySelector(".search-status");
  const list = document.querySelector(".search-results");
  const text = JSON.parse(document.getElementById("search-strings").textContent);
  const more = document.querySelector(".search-more");
  const listingLinks = document.querySelector(".search-listings");
  // The districts, star levels and groups, from the filters' choices: their names as the
  // build folds them (search.place_words: without "Huyện", "District"…; search.star_words:
  // "5 sao", "five stars"…; search.group_words: "do uong", "handicraft"…), their pages, and
  // what the link to a star level or a group says.
  const listings = Array.from(form.querySelectorAll("option[data-words]"), (option) => ({
    names: option.dataset.words.split("|"),
    label: option.dataset.label || text.district.replace("{district}", option.textContent),
    href: option.dataset.href,
  }));
  const PAGE_SIZE = 20;
  // Pagefind folds tone marks but not đ. The English pages hold their Vietnamese names folded
  // only (no tone marks, đ → d: _search_record.html), so there the query is folded the same
  // way, or "Đông Triều" would find nothing that "dong trieu" finds. The Vietnamese pages keep
  // the query as typed, so that "đồi" still finds "đồi" in a description.
  const FOLD_QUERY = document.documentElement.lang !== "vi";
  const HEAD_FIRST = document.documentElement.lang === "vi"; // where a name says what it is
  let pagefind = null;
  let found = [];
  let foundFor = ""; // the words that found them
  let searches = 0; // counts the searches: what comes late for an older one is dropped
  let loadingMore = false;
  // The other language's search page, to which the language switch carries the words and the
  // star level: a group or district is chosen by its name, which the other language writes
  // otherwise, so those are left behind.
  const otherLanguages = Array.from(document.querySelectorAll(".languages a[hreflang]"), (link) => ({
    link: link,
    page: link.getAttribute("href"),
  }));

  async function engine() {
    if (!pagefind) {
      pagefind = await import(form.dataset.bundle);
      await pagefind.init();
    }
    return pagefind;
  }

  /* The build's fold (search.fold in the plugin), for Vietnamese and every Latin letter:
     đ → d, then the marks that Unicode's decomposition (NFD) splits off are dropped. */
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{Mn}/gu, "");
  }

  /* Pagefind matches the start of every word ("don" finds "dong"), so a district typed whole
     does not bring its own products first. A district whose whole name the words hold is
     offered above the results: a link to its page, which lists all its products at once and
     comes before Pagefind has loaded on a slow phone. "van don", "Vân Đồn", "huyen van don"
     and "vandon" name Vân Đồn; "dong" alone names no district. A star level typed ("5 sao",
     "five stars") is offered alike: Pagefind would find every page saying "sao"; and a group
     ("do uong", "handicraft"), whose page lists its products by star level. */
  function showListings(query) {
    const typed = spaced(query);
    const named = listings.filter((listing) =>
      listing.names.some((name) => typed.includes(" " + name + " ") || typed.includes(" " + name.replace(/ /g, "") + " ")));
    listingLinks.replaceChildren(...named.map((listing) => {
      const link = document.createElement("a");
      link.href = listing.href;
      link.textContent = listing.label;
      const li = document.createElement("li");
      li.append(link);
      return li;
    }));
    listingLinks.hidden = !named.length;
  }

  /* A star level typed ("5 sao", "tra 5 sao", "five stars") searches the other words among the
     products of that level, as its filter would: Pagefind found every page saying "5" or "sao",
     3-star products among them. Returns the words left to search; sets the filter unless one is
     chosen. */
  function levelTyped(query, filters) {
    if (filters.star) return query;
    const typed = spaced(query);
    for (const option of form.querySelectorAll("select[name=star] option[data-words]")) {
      const name = option.dataset.words.split("|").find((words) => typed.includes(" " + words + " "));
      if (name) {
        filters.star = option.value;
        return typed.replace(" " + name + " ", " ").trim();
      }
    }
    return query;
  }

  /* The typed words folded, lowercase, one space between them and one at each end, so that a
     name's words are found whole with includes(" " + name + " "). */
  function spaced(query) {
    return " " + (fold(query).toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).join(" ") + " ";
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
    return filters;
  }

  function remember() {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    for (const select of selects) if (select.value) params.set(select.name, select.value);
    const query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    const carried = new URLSearchParams();
    for (const name of ["q", "star"]) if (params.has(name)) carried.set(name, params.get(name));
    const kept = carried.toString();
    for (const other of otherLanguages) other.link.setAttribute("href", other.page + (kept ? "?" + kept : ""));
  }

  /* The card's picture, as the listings show it: the build puts its sources in the index
     (meta "picture", JSON), and they are set as properties, never parsed as HTML. */
  function picture(meta) {
    let data;
    try {
      data = JSON.parse(meta.picture || "null");
    } catch (error) {
      return null;
    }
    if (!data) return null;
    const element = document.createElement("picture");
    for (const found of data.sources) {
      const source = document.createElement("source");
      source.type = found.type;
      source.srcset = found.srcset;
      source.sizes = data.sizes;
      element.append(source);
    }
    const img = document.createElement("img");
    img.loading = "lazy";
    img.decoding = "async";
    img.sizes = data.sizes; // before the sources, so that the browser picks the card's width
    img.srcset = data.srcset;
    img.src = data.src;
    img.width = data.width;
    img.height = data.height;
    img.alt = data.alt;
    if (data.lang) img.lang = data.lang; // a Vietnamese alt text on the English page
    element.append(img);
    return element;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "card";
    const shown = picture(data.meta);
    if (shown) li.append(shown);
    // The card's name is its link, which covers the whole card, as on the listings.
    const link = document.createElement("a");
    link.href = data.url;
    link.className = "card-name";
    link.textContent = data.meta.title;
    const meta = document.createElement("span");
    meta.className = "card-meta";
    if (data.meta.star) {
      // As the listings' cards: read as "4 stars", not as four star signs.
      const stars = document.createElement("span");
      stars.className = "stars";
      stars.setAttribute("role", "img");
      stars.setAttribute("aria-label", text.stars[data.meta.star]);
      const signs = document.createElement("span");
      signs.setAttribute("aria-hidden", "true");
      signs.textContent = "★".repeat(Number(data.meta.star));
      stars.append(signs);
      meta.append(stars, " · ");
    }
    meta.append(data.meta.summary || "");
    li.append(link, meta);
    return li;
  }

  async function run() {
    remember();
    const number = ++searches;
    const query = input.value.trim();
    showListings(query);
    const filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      status.textContent = "";
      list.replaceChildren();
      list.removeAttribute("aria-busy");
      more.hidden = true;
      return;
    }
    // On a slow network the first search loads Pagefind and its index: seconds without a word.
    // "More results" would add the last search's results to this one's: hidden until they come.
    more.hidden = true;
    status.textContent = text.searching;
    list.setAttribute("aria-busy", "true");
    try {
      const words = levelTyped(query, filters);
      const asked = FOLD_QUERY ? fold(words) : words;
      const search = await (await engine()).debouncedSearch(asked || null, { filters: filters }, 250);
      if (search === null || number !== searches) return; // a newer keystroke took over
      const loaded = await load(search.results, 0);
      if (number !== searches) return; // a newer search came while these cards loaded
      found = holdsEveryWord(loaded, words) ? search.results : [];
      foundFor = words;
      list.replaceChildren(...(found.length ? namedFirst(loaded, words).map(item) : []));
    } catch (error) {
      if (number !== searches) return;
      status.textContent = text.failed;
      list.removeAttribute("aria-busy");
      more.hidden = true;
      return;
    }
    more.hidden = list.children.length >= found.length;
    // Without words, only the filters can be the cause: "try fewer words" would not help.
    const none = query ? text.none : text.noneFiltered;
    status.textContent = found.length ? text.results.replace("{count}", found.length) : none;
    list.removeAttribute("aria-busy");
  }

  /* Each result's data is a small fetch of its own: they are loaded a page at a time. */
  function load(results, from) {
    return Promise.all(results.slice(from, from + PAGE_SIZE).map((result) => result.data()));
  }

  async function cards(results, from, query) {
    return namedFirst(await load(results, from), query).map(item);
  }

  /* Pagefind never finds nothing: a word no page holds is searched as the longest start of it
     that a page does, "coffee" as "co" (26 results, Cô Tô's and Trà Cổ's), "alcohol" as "a"
     (59). Every result of a word found holds it, so when no result loaded holds a typed word
     (of three letters or more) nothing was found. Held means a word of the result's text
     begins as the typed one does but for its last three letters, at least three: English is
     searched by stems ("cooperatives" finds "cooperative"), and a letter too many at the end
     ("honeyy") still finds what Pagefind's cut finds. */
  function holdsEveryWord(loaded, query) {
    const typed = words(query).filter((word) => word.length >= 3);
    if (!typed.length || !loaded.length) return true;
    const held = new Set(loaded.flatMap((data) => words((data.meta.title || "") + " " + (data.content || ""))));
    return typed.every((word) => {
      const start = word.slice(0, Math.max(3, word.length - 3));
      for (const other of held) if (other.startsWith(start)) return true;
      return false;
    });
  }

  /* Pagefind matches the start of every word and weighs a rare word above a common one: "tra"
     (trà, tea) brought "Trang sức ngọc trai" first, two rare words beginning "tra", and "ca"
     (cá, fish) "Tôm khô Cái Chiên". A Vietnamese word is a syllable, the start of many others:
     of the results loaded, those whose name holds more of the words typed, whole, come first,
     and of those, the names whose head they are: a Vietnamese name begins with what the thing
     is ("mat ong": Mật ong Đầm Hà before Chanh đào ngâm mật ong), an English one ends with it
     ("honey": Dam Ha honey before Dong Trieu honey-pickled lime); among equals Pagefind's
     order stays. */
  function namedFirst(shown, query) {
    const typed = words(query);
    const wanted = new Set(typed);
    const rank = (data) => {
      const name = words(data.meta.title || "");
      const held = new Set(name.filter((word) => wanted.has(word))).size;
      const head = HEAD_FIRST ? name.slice(0, typed.length) : name.slice(-typed.length);
      const named = typed.length > 0 && typed.every((word, at) => head[at] === word);
      return 2 * held + (named ? 1 : 0);
    };
    return shown.map((data) => [rank(data), data]).sort((a, b) => b[0] - a[0]).map(([, data]) => data);
  }

  function words(text) {
    return fold(text).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* The next page of results. The button is disabled until it has come, and a second tap
     meanwhile (a double tap) does nothing: it would load and add the same page again. */
  async function showMore() {
    if (loadingMore) return;
    loadingMore = true;
    more.disabled = true;
    const number = searches;
    const results = found;
    try {
      const shown = await cards(results, list.children.length, foundFor);
      // Else a newer search has replaced the list, or is about to.
      if (number === searches && results === found) list.append(...shown);
    } finally {
      loadingMore = false;
      more.disabled = false;
    }
    more.hidden = list.children.length >= found.length;
  }

  const params = new URLSearchParams(location.search);
  // Words typed and filters chosen before this script ran (on a slow phone) are kept, and searched.
  if (!input.value) input.value = params.get("q") || "";
  for (const select of selects) if (!select.value) select.value = params.get(select.name) || "";
  if (Object.keys(chosenFilters()).length) form.querySelector("details").open = true;
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  for (const select of selects) select.addEventListener("change", run);
  more.addEventListener("click", () => showMore().catch(() => { status.textContent = text.failed; }));
  run();
})();
