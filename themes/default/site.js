/* Small helpers for every page; the site works without them. */
(function () {
  "use strict";
  /* On a narrow screen the menu starts closed, so the page's content comes first. */
  var menu = document.querySelector(".site-nav__menu");
  if (menu && window.matchMedia && window.matchMedia("(max-width: 63.99rem)").matches) {
    menu.removeAttribute("open");
  }
  /* The print view's button. */
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
  /* A link to a step on a map (index.html#steg-12) scrolls the map so the step is in view,
   * also sideways on a narrow screen; the step is marked by the style sheet's :target. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.closest && el.closest(".map__scroll")) {
      el.scrollIntoView({ block: "center", inline: "center" });
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
