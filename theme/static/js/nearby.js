/* The near-me page: asks the phone for its position and sorts the producers
   and fairs of places.json by distance. The position never leaves the phone. */
"use strict";
(function () {
  const button = document.querySelector(".nearby-locate");
  const status = document.querySelector(".nearby-status");
  const list = document.querySelector(".nearby-results");
  const fallback = document.querySelector(".nearby-fallback");
  const text = JSON.parse(document.getElementById("nearby-strings").textContent);
  const lang = document.documentElement.lang;
  const kilometres = new Intl.NumberFormat(lang, { style: "unit", unit: "kilometer", maximumFractionDigits: 1 });
  const MAX_SHOWN = 50;
  const EARTH_RADIUS_KM = 6371;

  /* The great-circle distance between two points, by the haversine formula. */
  function distanceKm(lat1, lon1, lat2, lon2) {
    const rad = (degrees) => (degrees * Math.PI) / 180;
    const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 +
      Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
  }

  function position() {
    return new Promise((resolve, reject) =>
      navigator.geolocation.getCurrentPosition(resolve, reject, { maximumAge: 300000, timeout: 20000 }));
  }

  function item(place) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = place.url;
    link.textContent = place.name;
    const about = document.createElement("span");
    about.className = "nearby-meta";
    // A fair says when: on now, or its days (it may be months off).
    const kind = place.on ? text.fair_on : text[place.kind];
    const when = place.when ? ` · ${place.when}` : "";
    about.textContent = `${kilometres.format(place.km)} · ${kind}${when} · ${place.where}`;
    li.append(link, " ", about);
    if (place.makes && place.makes.length) {
      const makes = document.createElement("span");
      makes.className = "nearby-makes";
      makes.textContent = place.makes.join(", ");
      li.append(makes);
    }
    return li;
  }

  /* Without a position or the list, the districts' pages are the way to what is around. */
  function failed(message) {
    status.textContent = message;
    fallback.hidden = false;
  }

  async function locate() {
    status.textContent = text.locating;
    fallback.hidden = true;
    let here;
    try {
      if (!navigator.geolocation) throw new Error("no geolocation");
      here = (await position()).coords;
    } catch (error) {
      failed(text.denied);
      return;
    }
    let places;
    try {
      const response = await fetch(new URL(button.dataset.places, location.href));
      places = await response.json();
    } catch (error) {
      failed(text.failed);
      return;
    }
    for (const place of places) place.km = distanceKm(here.latitude, here.longitude, place.lat, place.lon);
    places.sort((a, b) => a.km - b.km);
    list.replaceChildren(...places.slice(0, MAX_SHOWN).map(item));
    status.textContent = text.found.replace("{count}", places.length);
  }

  button.addEventListener("click", locate);
})();
