// The actions of a record: the share buttons open the phone's own share sheet (Web Share
// API) and stay hidden in browsers without it. iPhones, iPads and Macs open no geo: link
// (only Android's map applications do): there the map-app link opens Apple Maps instead.
// Android's Chrome only saves a fair's calendar file, which Google Calendar's app does not
// open: there "Add to calendar" opens Google Calendar's new event, filled in alike.
(function () {
  function swap(pattern, selector, attribute) {
    if (!pattern.test(navigator.userAgent)) return;
    document.querySelectorAll(selector).forEach(function (link) {
      link.href = link.getAttribute(attribute);
    });
  }
  swap(/iPhone|iPad|iPod|Macintosh/, "a[data-apple-maps]", "data-apple-maps");
  swap(/Android/, "a[data-google-calendar]", "data-google-calendar");
  if (!navigator.share) return;
  document.querySelectorAll("[data-share]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: document.title, url: location.href }).catch(function () {});
    });
  });
})();
