/* On a narrow screen the menus fold behind one "Menu" button (base.html), so that the page's
 * content starts near the top. Without JavaScript the button stays hidden and the menus open.
 * The workspace menu's groups (<details class="menu-group">) open one at a time and close on
 * Escape (focus back on the group's summary) or a click outside them; without JavaScript they
 * open and close by themselves. */
(function () {
  "use strict";
  function closeGroups(except) {
    document.querySelectorAll("details.menu-group[open]").forEach(function (group) {
      if (group !== except) { group.open = false; }
    });
  }
  document.addEventListener("toggle", function (event) {
    var group = event.target;
    if (group.classList && group.classList.contains("menu-group") && group.open) { closeGroups(group); }
  }, true);
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("details.menu-group")) { closeGroups(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = event.target.closest && event.target.closest("details.menu-group[open]");
    closeGroups(null);
    if (open) { open.querySelector("summary").focus(); }
  });
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
