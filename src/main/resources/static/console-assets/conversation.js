// The conversation page: Ctrl/Cmd+Enter submits the composer or note, j/k open the next/previous conversation,
// and the transcript stays scrolled to the newest message after each swap. No inline handlers (strict CSP).
(function () {
  "use strict";

  function scrollTranscript() {
    var transcript = document.getElementById("transcript");
    if (transcript) {
      transcript.scrollTop = transcript.scrollHeight;
    }
  }

  function typing(target) {
    if (!target) {
      return false;
    }
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target && target.tagName === "TEXTAREA") {
      var form = target.closest("form");
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (typing(target) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var direction = event.key === "j" ? "next" : event.key === "k" ? "prev" : null;
    if (!direction) {
      return;
    }
    var link = document.querySelector('[data-conversation-nav="' + direction + '"]');
    if (link) {
      event.preventDefault();
      window.location.assign(link.getAttribute("href"));
    }
  });

  document.addEventListener("htmx:oobAfterSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "transcript") {
      scrollTranscript();
    }
  });

  document.addEventListener("DOMContentLoaded", scrollTranscript);
})();
