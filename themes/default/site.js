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
  /* The map's zoom button: fit to the page, or about the size of the printed map. */
  var zooms = document.querySelectorAll("[data-map-zoom]");
  for (var j = 0; j < zooms.length; j++) {
    var tools = zooms[j].closest("[data-map-tools]");
    if (tools) tools.hidden = false;
    zooms[j].addEventListener("click", function (e) {
      var button = e.currentTarget;
      var figure = button.closest(".map");
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (figure) figure.classList.toggle("map--large", on);
    });
  }
})();
