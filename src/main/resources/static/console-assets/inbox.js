// Console behaviour of the inbox area (no inline scripts: pages carry data-* attributes).
// The live inbox: says whether the stream is open, announces changes politely in #live (at most every 10 s), asks
// for the first page again after a reconnect (changes during the gap were not pushed), and drops from the pages
// loaded with "more" the conversations the refreshed first page now shows.
"use strict";
(function () {
  var opened = false;
  var lastAnnounced = 0;

  function liveState(open) {
    var state = document.querySelector("[data-test='inbox-live-state']");
    var live = document.getElementById("inbox-live");
    if (live) live.setAttribute("data-live", open ? "open" : "closed");
    if (state) state.textContent = state.getAttribute(open ? "data-open-text" : "data-closed-text");
  }

  function announce(count) {
    var region = document.getElementById("live");
    var live = document.getElementById("inbox-live");
    var now = Date.now();
    if (!region || !live || now - lastAnnounced < 10000) return;
    lastAnnounced = now;
    region.textContent = (live.getAttribute("data-live-message") || "").replace("{0}", count);
  }

  function dropDuplicates() {
    var first = document.getElementById("inbox-first");
    var rest = document.getElementById("inbox-rest");
    if (!first || !rest) return;
    var shown = {};
    first.querySelectorAll("[data-conversation-id]").forEach(function (item) {
      shown[item.getAttribute("data-conversation-id")] = true;
    });
    rest.querySelectorAll("[data-conversation-id]").forEach(function (item) {
      if (shown[item.getAttribute("data-conversation-id")]) item.remove();
    });
  }

  document.addEventListener("htmx:sseOpen", function () {
    liveState(true);
    if (opened) {
      var first = document.getElementById("inbox-first");
      if (first && window.htmx) window.htmx.trigger(first, "inbox-refresh");
    }
    opened = true;
  });
  document.addEventListener("htmx:sseError", function () { liveState(false); });
  document.addEventListener("htmx:sseMessage", function (event) {
    if (event.detail && event.detail.type === "inbox") announce(event.detail.data);
  });
  document.addEventListener("htmx:afterSwap", dropDuplicates);
})();
