// stdkg pages: the only script. Pages work without it; it adds the highlight toggles of a
// policy document and brings a focused span into view.
(function () {
  "use strict";
  var text = document.querySelector(".doc-text");
  document.querySelectorAll(".hl-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (text) text.classList.toggle("hide-" + button.dataset.type, !on);
    });
  });
  var focus = document.getElementById("hl");
  if (focus && focus.scrollIntoView) focus.scrollIntoView({ block: "center" });
})();
