/* Keeps the texts of the article form in this browser (localStorage) while
   they are typed, so a long edit survives an expired session, a closed tab
   or a lost connection: on the next visit of the same form the editor is
   offered the unsaved text back. Nothing leaves the browser. */
(function () {
  "use strict";
  var FIELD = /^(title|summary|body|byline|source)_(vi|en)$/;
  var PREFIX = "portal-autosave:";

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var notice = document.getElementById("autosave-notice");
    var form = document.getElementById("article_form");
    var store = storage();
    if (!notice || !form || !store) return;
    var key = PREFIX + notice.dataset.key;
    var fields = Array.prototype.filter.call(form.elements, function (element) {
      return FIELD.test(element.name || "");
    });

    function values() {
      var result = {};
      fields.forEach(function (field) {
        result[field.name] = field.value;
      });
      return result;
    }

    var initial = JSON.stringify(values());
    var saved = null;
    try {
      saved = JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      saved = null;
    }

    function remember() {
      var current = values();
      var text = JSON.stringify(current);
      if (text === initial) return;
      try {
        store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: current }));
      } catch (error) {
        /* Storage full or refused: the form still works. */
      }
    }

    function editorOf(field) {
      /* django-prose-editor wraps the textarea; Tiptap hangs the editor on
         its element. Its updates reach the textarea as input events. */
      var wrapper = field.closest(".prose-editor");
      var element = wrapper && wrapper.querySelector("[contenteditable]");
      return element && element.editor;
    }

    var hasErrors = document.querySelector(".errornote, .errorlist");
    if (saved && saved.values) {
      var differs = fields.some(function (field) {
        return field.name in saved.values && saved.values[field.name] !== field.value;
      });
      if (differs) {
        notice.hidden = false;
      } else if (!hasErrors) {
        store.removeItem(key); /* What was kept has been saved. */
      }
    }

    notice.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-autosave");
      if (action === "restore" && saved) {
        fields.forEach(function (field) {
          if (!(field.name in saved.values)) return;
          var value = saved.values[field.name];
          var editor = editorOf(field);
          if (editor) editor.commands.setContent(value);
          field.value = value;
          field.dispatchEvent(new Event("input", { bubbles: true }));
        });
        notice.querySelector("p").textContent = notice.dataset.restored;
        notice.querySelectorAll("button").forEach(function (button) {
          button.hidden = true;
        });
        initial = "";
        remember();
      } else if (action === "discard") {
        store.removeItem(key);
        notice.hidden = true;
      }
    });

    form.addEventListener("input", remember);
    form.addEventListener("change", remember);
    form.addEventListener("submit", remember);
    window.setInterval(remember, 5000);
  });
})();
