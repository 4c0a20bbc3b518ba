/* Hồng Lĩnh portal: small progressive enhancements. Every feature works
   without this file; it only makes them quicker. Loaded with defer. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZES = [0.875, 1, 1.125, 1.25, 1.5];
  var KEY = "portal-text-size";

  function applySize(index) {
    root.style.setProperty("--text-size", SIZES[index] + "rem");
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var step = button.getAttribute("data-text-size");
      button.disabled = (step === "-1" && index === 0) || (step === "1" && index === SIZES.length - 1);
      button.setAttribute("aria-pressed", step === "0" && index === 1 ? "true" : "false");
    });
  }

  function currentSize() {
    var stored = parseInt(window.localStorage.getItem(KEY), 10);
    return isNaN(stored) || stored < 0 || stored >= SIZES.length ? 1 : stored;
  }

  function setUpTextSize() {
    var controls = document.querySelector("[data-text-size-controls]");
    if (!controls) return;
    controls.hidden = false;
    applySize(currentSize());
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (!button) return;
      var step = parseInt(button.getAttribute("data-text-size"), 10);
      var index = step === 0 ? 1 : Math.min(SIZES.length - 1, Math.max(0, currentSize() + step));
      window.localStorage.setItem(KEY, String(index));
      applySize(index);
    });
  }

  function setUpRating() {
    var form = document.querySelector("[data-rating-form]");
    if (!form || !window.fetch) return;
    var status = form.querySelector("[data-rating-status]");
    var summary = document.querySelector("[data-rating-summary]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          status.textContent = data.message;
          if (data.summary) summary.textContent = data.summary;
        })
        .catch(function () { form.submit(); });
    });
  }

  // Applied as early as possible so pages do not jump after loading.
  try { root.style.setProperty("--text-size", SIZES[currentSize()] + "rem"); } catch (e) { /* storage blocked */ }
  // Browsers that cannot show a closed <details>' content on wide screens
  // (site-header.css) get the menu opened there instead.
  function setUpMenu() {
    var menu = document.querySelector("[data-site-menu]");
    var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    if (menu && !styled && window.matchMedia("(min-width: 48rem)").matches) menu.open = true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    try { setUpTextSize(); } catch (e) { /* storage blocked: controls stay hidden */ }
    setUpRating();
  });
})();
