// trawl: small conveniences; every page works without them.
(function () {
  "use strict";
  // "/" focuses the search box.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    var q = document.getElementById("q") || document.querySelector("input[type=search]");
    if (q) { e.preventDefault(); q.focus(); q.select(); }
  });
  // The legend's checkboxes switch highlighting of an entity type.
  var text = document.getElementById("text");
  document.querySelectorAll(".legend input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (text) text.classList.toggle("hide-" + box.getAttribute("data-type"), !box.checked);
    });
  });
  // Empty fields are left out of the URL, so shared links stay short.
  document.querySelectorAll("form[method=get]").forEach(function (f) {
    f.addEventListener("submit", function () {
      f.querySelectorAll("input, select").forEach(function (el) {
        if (el.name && el.value === "" && el.type !== "checkbox") el.disabled = true;
      });
    });
  });
  // Coming back to a page (history), enable what a submit disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[method=get] [disabled]").forEach(function (el) { el.disabled = false; });
  });
})();
