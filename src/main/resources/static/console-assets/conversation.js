// The conversation page: Ctrl/Cmd+Enter submits the composer or note, j/k open the next/previous conversation,
// the transcript stays scrolled to the newest message after each swap, and a file the channel would refuse is
// refused before it is sent. No inline handlers (strict CSP).
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

  // A chosen file over its type's limit (or of a type no kind takes) is refused before it is sent: the server would
  // refuse it too, and a file past the server's ceiling would never reach the page's error handling.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || !input.matches || !input.matches("input[type=file][data-upload-limits]")) {
      return;
    }
    var limits = JSON.parse(input.getAttribute("data-upload-limits") || "{}");
    var file = input.files && input.files[0];
    var message = "";
    if (file) {
      var limit = limits[(file.type || "").toLowerCase()];
      if (!limit) {
        message = input.getAttribute("data-unsupported");
      } else if (file.size > limit[0]) {
        message = input.getAttribute("data-too-large").replace("{max}", limit[1]);
      }
    }
    input.setCustomValidity(message);
    if (message) {
      input.reportValidity();
    }
  });

  document.addEventListener("DOMContentLoaded", scrollTranscript);
})();
