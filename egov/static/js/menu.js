/* On a narrow screen the menus fold behind one "Menu" button (base.html), so that the page's
 * content starts near the top. Without JavaScript the button stays hidden and the menus open. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    if (!button) { return; }
    button.hidden = false;
    document.body.classList.add("menu-ready");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      document.body.classList.toggle("menus-open", open);
    });
  });
}());
