// The share buttons open the phone's own share sheet (Web Share API); they
// stay hidden in browsers without it.
(function () {
  if (!navigator.share) return;
  document.querySelectorAll("[data-share]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: document.title, url: location.href }).catch(function () {});
    });
  });
})();
