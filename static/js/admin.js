// The admin's rich-text editor (django-prose-editor) names its menu buttons
// and block types in English and does not pass them through gettext; its
// dialogs do (through window.gettext, filled by the admin's JavaScript
// catalog). This puts the menu through the same catalog
// (locale/*/LC_MESSAGES/djangojs.po) as it appears.
"use strict";
(function () {
  const translate = window.gettext || ((text) => text);
  const interpolate = window.interpolate || ((format, args) => format.replace("%s", args[0]));
  const MENU_TEXTS = [
    "Paragraph", "paragraph", "bold", "italic", "underline", "strike", "subscript",
    "superscript", "unordered list", "ordered list", "blockquote", "horizontal rule",
    "insert link", "remove link", "undo", "redo", "edit HTML", "figure",
    "Insert table", "Code block", "Code", "Merge cells", "Split cell", "Add column",
    "Add row", "Delete column", "Delete row", "Delete table", "Toggle header cell",
    "Reset all classes", "Toggle fullscreen",
  ];
  const KNOWN = new Set(MENU_TEXTS);

  function vietnamese(text) {
    const value = (text || "").trim();
    const heading = /^heading (\d)$/i.exec(value);
    if (heading) {
      return interpolate(translate("Heading %s"), [heading[1]]);
    }
    return KNOWN.has(value) ? translate(value) : null;
  }

  function translateMenu(root) {
    root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]").forEach((element) => {
      for (const name of ["title", "aria-label"]) {
        const text = vietnamese(element.getAttribute(name));
        if (text) {
          element.setAttribute(name, text);
        }
      }
    });
    // Block types in the drop-down: the text of a <p>, <h1>… or <code>, never
    // the icon name a material-icons button shows.
    root.querySelectorAll(".prose-menubar :is(p, h1, h2, h3, h4, h5, h6, code)").forEach((element) => {
      const text = vietnamese(element.textContent);
      if (text && element.children.length === 0) {
        element.textContent = text;
      }
    });
  }

  function start() {
    translateMenu(document);
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            translateMenu(node.closest(".prose-menubar") ? node.closest(".prose-editor") || node : node);
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
