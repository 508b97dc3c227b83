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
  const MAX_SHOWN = 30;
  let pagefind = null;

  async function engine() {
    if (!pagefind) {
      pagefind = await import(form.dataset.bundle);
      await pagefind.init();
    }
    return pagefind;
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
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "card";
    const link = document.createElement("a");
    link.href = data.url;
    const name = document.createElement("span");
    name.className = "card-name";
    name.textContent = data.meta.title;
    link.append(name);
    const meta = document.createElement("span");
    meta.className = "card-meta";
    const stars = data.meta.star ? "★".repeat(Number(data.meta.star)) + " · " : "";
    meta.textContent = stars + (data.meta.summary || "");
    li.append(link, meta);
    return li;
  }

  async function run() {
    remember();
    const query = input.value.trim();
    const filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      status.textContent = "";
      list.replaceChildren();
      return;
    }
    let found;
    try {
      const search = await (await engine()).debouncedSearch(query || null, { filters: filters }, 250);
      if (search === null) return; // a newer keystroke took over
      found = search.results;
      const shown = await Promise.all(found.slice(0, MAX_SHOWN).map((result) => result.data()));
      list.replaceChildren(...shown.map(item));
    } catch (error) {
      status.textContent = text.failed;
      return;
    }
    status.textContent = found.length ? text.results.replace("{count}", found.length) : text.none;
  }

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const select of selects) select.value = params.get(select.name) || "";
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  for (const select of selects) select.addEventListener("change", run);
  run();
})();
