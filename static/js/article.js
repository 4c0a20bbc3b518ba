// Print button on article pages: rendered hidden, shown only when this script
// runs (no inline JavaScript: the Content-Security-Policy allows none).
(function () {
  "use strict";
  function setUp() {
    var buttons = document.querySelectorAll("button[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
