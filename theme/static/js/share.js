// The actions of a record: the share buttons open the phone's own share sheet (Web Share
// API) and stay hidden in browsers without it. iPhones, iPads and Macs open no geo: link
// (only Android's map applications do): there the map-app link opens Apple Maps instead.
(function () {
  if (/iPhone|iPad|iPod|Macintosh/.test(navigator.userAgent)) {
    document.querySelectorAll("a[data-apple-maps]").forEach(function (link) {
      link.href = link.dataset.appleMaps;
    });
  }
  if (!navigator.share) return;
  document.querySelectorAll("[data-share]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: document.title, url: location.href }).catch(function () {});
    });
  });
})();
