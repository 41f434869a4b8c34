/* Searchable combobox for long <select data-combobox> lists (egov.orgs.forms.UnitCombobox).
 *
 * ARIA 1.2 combobox pattern: an <input role="combobox"> takes the select's id (so its <label>
 * names it), a <ul role="listbox"> shows the options grouped as in the select, filtered by what
 * is typed (accent-insensitive, every word must match the option or its group). The hidden
 * select keeps the value the form sends. Typed text never silently picks a unit: the value
 * changes when an option is chosen (click, Enter) or when the text is exactly the full name of
 * a single option; otherwise the field is flagged and the form is not sent until fixed.
 * Without JavaScript the grouped <select> stays as it is.
 */
(function () {
  "use strict";

  var MAX_SHOWN = 200;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function readOptions(select) {
    var options = [];
    Array.prototype.forEach.call(select.options, function (option) {
      var group = option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "";
      options.push({
        value: option.value, label: option.textContent, group: group,
        key: fold(option.textContent + " " + group), name: fold(option.textContent)
      });
    });
    return options;
  }

  function enhance(select) {
    var id = select.id;
    var options = readOptions(select);
    var messages = {
      none: select.dataset.comboboxNone || "No unit matches; choose a unit from the list.",
      several: select.dataset.comboboxSeveral || "Several units have this name: choose one.",
      count: select.dataset.comboboxCount || "%s results"
    };
    var wrapper = document.createElement("div");
    var input = document.createElement("input");
    var list = document.createElement("ul");
    var hint = document.createElement("p");
    var shown = [];
    var active = -1;

    wrapper.className = "combobox";
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(select);
    select.id = id + "_select";
    select.hidden = true;
    select.tabIndex = -1;

    input.type = "text";
    input.id = id;
    input.className = "combobox-input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "_listbox");
    var describedBy = select.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + id + "_hint");
    list.id = id + "_listbox";
    list.className = "combobox-list";
    list.setAttribute("role", "listbox");
    var label = document.querySelector('label[for="' + id + '"]');
    if (label) {
      if (!label.id) { label.id = id + "_label"; }
      list.setAttribute("aria-labelledby", label.id);
    }
    list.hidden = true;
    hint.id = id + "_hint";
    hint.className = "combobox-hint";
    hint.setAttribute("aria-live", "polite");
    wrapper.insertBefore(input, select);
    wrapper.insertBefore(list, select);
    wrapper.insertBefore(hint, select);

    function current() {
      var value = select.value;
      for (var i = 0; i < options.length; i++) {
        if (options[i].value === value) { return options[i]; }
      }
      return null;
    }

    function showCurrent() {
      var option = current();
      input.value = option && option.value !== "" ? option.label : "";
      input.placeholder = option && option.value === "" ? option.label : "";
    }

    function setInvalid(message) {
      hint.textContent = message || "";
      hint.classList.toggle("error", Boolean(message));
      if (message) { input.setAttribute("aria-invalid", "true"); }
      else { input.removeAttribute("aria-invalid"); }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function render() {
      var words = fold(input.value).split(" ").filter(Boolean);
      shown = options.filter(function (option) {
        return option.value !== "" && words.every(function (word) {
          return option.key.indexOf(word) !== -1;
        });
      }).slice(0, MAX_SHOWN);
      list.textContent = "";
      var group = null;
      shown.forEach(function (option, index) {
        if (option.group !== group) {
          group = option.group;
          if (group) {
            var heading = document.createElement("li");
            heading.setAttribute("role", "presentation");
            heading.className = "combobox-group";
            heading.textContent = group;
            list.appendChild(heading);
          }
        }
        var item = document.createElement("li");
        item.id = id + "_option_" + index;
        item.setAttribute("role", "option");
        item.className = "combobox-option";
        item.setAttribute("aria-selected", option.value === select.value ? "true" : "false");
        item.textContent = option.label;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(option); });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      hint.textContent = messages.count.replace("%s", String(shown.length));
      hint.classList.remove("error");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function move(step) {
      if (list.hidden) { render(); }
      if (!shown.length) { return; }
      active = (active + step + shown.length) % shown.length;
      Array.prototype.forEach.call(list.querySelectorAll('[role="option"]'), function (item, i) {
        item.classList.toggle("active", i === active);
        if (i === active) { item.scrollIntoView({ block: "nearest" }); }
      });
      input.setAttribute("aria-activedescendant", id + "_option_" + active);
    }

    function choose(option) {
      var changed = select.value !== option.value;
      select.value = option.value;
      showCurrent();
      close();
      setInvalid("");
      if (changed) { select.dispatchEvent(new Event("change", { bubbles: true })); }
    }

    /* What the typed text designates when the person leaves the field without choosing. */
    function settle() {
      var option = current();
      var text = fold(input.value);
      if (option && option.value !== "" && text === option.name) { setInvalid(""); return; }
      if (!text) {
        var empty = options.filter(function (o) { return o.value === ""; })[0];
        if (empty) { choose(empty); } else { showCurrent(); setInvalid(""); }
        return;
      }
      var exact = options.filter(function (o) { return o.value !== "" && o.name === text; });
      if (exact.length === 1) { choose(exact[0]); return; }
      var named = options.filter(function (o) {
        return o.value !== "" && fold(o.label.replace(/\s*\([^)]*\)$/, "")) === text;
      });
      setInvalid(named.length > 1 ? messages.several : messages.none);
    }

    input.addEventListener("input", render);
    input.addEventListener("focus", function () { input.select(); });
    input.addEventListener("click", function () { if (list.hidden) { render(); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter" && !list.hidden) {
        event.preventDefault();
        if (active >= 0) { choose(shown[active]); }
        else if (shown.length === 1) { choose(shown[0]); }
      } else if (event.key === "Escape") { close(); showCurrent(); setInvalid(""); }
    });
    input.addEventListener("blur", function () { close(); settle(); });
    if (select.form) {
      select.form.addEventListener("submit", function (event) {
        if (input.getAttribute("aria-invalid") === "true") {
          event.preventDefault();
          event.stopImmediatePropagation();
          input.focus();
        }
      }, true);
    }
    showCurrent();
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call(
      (root || document).querySelectorAll("select[data-combobox]:not([multiple])"),
      function (select) {
        if (select.dataset.comboboxReady) { return; }
        select.dataset.comboboxReady = "1";
        enhance(select);
      }
    );
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhanceAll(event.target); });
}());
