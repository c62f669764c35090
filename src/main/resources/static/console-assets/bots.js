// Console behaviour of the bots area (no inline scripts: pages carry data-* attributes).
// - [data-faq-add] adds an empty question/answer row from template#faq-row-template; [data-faq-remove] removes one
// - [data-dropzone] forms take a dropped file into their file input and submit it (htmx posts it)
// - [data-chat-open] / [data-chat-reset] open the embedded widget (widget.js) or start over as a new visitor
"use strict";
(function () {
  var added = 0;

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-faq-add]");
    if (add) {
      var template = document.getElementById("faq-row-template");
      var rows = document.querySelector("[data-faq-rows]");
      if (!template || !rows) { return; }
      var row = template.content.firstElementChild.cloneNode(true);
      added += 1;
      var question = row.querySelector("input");
      var answer = row.querySelector("textarea");
      question.id = "faq-q-new-" + added;
      answer.id = "faq-a-new-" + added;
      row.querySelector("[data-faq-label='q']").setAttribute("for", question.id);
      row.querySelector("[data-faq-label='a']").setAttribute("for", answer.id);
      rows.appendChild(row);
      var empty = document.querySelector("[data-faq-empty]");
      if (empty) { empty.hidden = true; }
      question.focus();
      return;
    }
    var remove = event.target.closest("[data-faq-remove]");
    if (remove) {
      var item = remove.closest("li");
      if (item) { item.remove(); }
      return;
    }
    if (event.target.closest("[data-chat-open]") && window.Parley) {
      window.Parley.open();
      return;
    }
    if (event.target.closest("[data-chat-reset]") && window.Parley) {
      window.Parley.reset();
      window.Parley.open();
    }
  });

  function dropzone(event) {
    return event.target.closest ? event.target.closest("[data-dropzone]") : null;
  }
  document.addEventListener("dragover", function (event) {
    var zone = dropzone(event);
    if (!zone) { return; }
    event.preventDefault();
    zone.classList.add("dragging");
  });
  document.addEventListener("dragleave", function (event) {
    var zone = dropzone(event);
    if (zone) { zone.classList.remove("dragging"); }
  });
  document.addEventListener("drop", function (event) {
    var zone = dropzone(event);
    if (!zone) { return; }
    event.preventDefault();
    zone.classList.remove("dragging");
    var input = zone.querySelector("input[type=file]");
    if (!input || !event.dataTransfer || !event.dataTransfer.files.length) { return; }
    input.files = event.dataTransfer.files;
    zone.requestSubmit();
  });

  // A chosen file is uploaded at once; the upload form's button stays for keyboard users.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("[data-dropzone] input[type=file]") && input.files.length) {
      input.form.requestSubmit();
    }
  });

  // After an upload the form is emptied, so the same file can be chosen again.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("[data-dropzone]")) { form.reset(); }
  });
})();
