// The console's shell behaviour (no inline scripts anywhere: pages carry data-* attributes, this file acts on them).
// - the navigation toggle on narrow screens
// - [data-copy="#id"] buttons copy the text of an element (webhook URLs, snippets, keys shown once)
// - aria-current on the navigation link of the current page
// - form[data-ask="question"]: the form asks before it submits (revoke a key, remove a user, replay by filter)
"use strict";
(function () {
  function onReady(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }
  onReady(function () {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("nav");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    var path = window.location.pathname;
    document.querySelectorAll("#nav a").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href === path || (href !== "/console" && path.indexOf(href) === 0)) { a.setAttribute("aria-current", "page"); }
    });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = source.value !== undefined && source.tagName !== "PRE" ? source.value : source.textContent;
    if (navigator.clipboard) {
      navigator.clipboard.writeText(text.trim()).then(function () { button.textContent = button.getAttribute("data-copied") || "Copied"; });
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-ask]");
    if (form && !window.confirm(form.getAttribute("data-ask"))) { event.preventDefault(); }
  });
})();
