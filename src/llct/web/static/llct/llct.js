/* llct's own few behaviours, no framework: the phone menu button, a filter box over long selects
   (data-searchable) that ignores accents, so "so tai chinh" finds "Sở Tài chính", a confirmation before
   a form with data-confirm is sent, and "back" links (data-back). The pages have no inline script: the
   Content-Security-Policy allows scripts from the site's own files only (llct.web.headers). */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function menu() {
    var button = document.getElementById("menu-toggle"), nav = document.getElementById("mainnav");
    if (!button || !nav) return;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  function searchable(root) {
    root.querySelectorAll("select[data-searchable]:not([data-filtered])").forEach(function (select) {
      select.setAttribute("data-filtered", "");
      var box = document.createElement("input");
      box.type = "search";
      box.className = "select-filter";
      box.placeholder = select.getAttribute("data-searchable") || "";
      box.setAttribute("aria-label", box.placeholder);
      box.id = select.id ? select.id + "-filter" : "";
      select.parentNode.insertBefore(box, select);
      var options = Array.prototype.slice.call(select.options);
      var keys = options.map(function (o) { return fold(o.text); });
      box.addEventListener("input", function () {
        var words = fold(box.value).split(/\s+/).filter(Boolean), first = null;
        options.forEach(function (option, i) {
          var shown = !option.value || words.every(function (w) { return keys[i].indexOf(w) >= 0; });
          option.hidden = !shown;
          if (shown && option.value && first === null) first = option;
        });
        if (first && select.selectedOptions.length && select.selectedOptions[0].hidden) first.selected = true;
      });
    });
  }
  // A form with data-confirm asks before it is sent: what will happen, in the page's language (delegated,
  // so that forms htmx swaps in behave the same).
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
  }, true);
  // Date fields stay text typed dd/mm/yyyy; a calendar button beside each (data-datepicker) opens the
  // browser's own date picker and writes the chosen day back as dd/mm/yyyy.
  function datepickers(root) {
    root.querySelectorAll("input[data-datepicker]:not([data-picking])").forEach(function (input) {
      input.setAttribute("data-picking", "");
      var picker = document.createElement("input");
      picker.type = "date";
      picker.tabIndex = -1;
      picker.className = "date-picker-native";
      picker.setAttribute("aria-hidden", "true");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "date-picker secondary";
      button.textContent = "📅";
      button.title = input.getAttribute("data-datepicker");
      button.setAttribute("aria-label", button.title);
      input.insertAdjacentElement("afterend", button);
      button.insertAdjacentElement("afterend", picker);
      button.addEventListener("click", function () {
        var m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.value.trim());
        if (m) picker.value = m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
        if (picker.showPicker) picker.showPicker(); else picker.click();
      });
      picker.addEventListener("change", function () {
        var p = picker.value.split("-");
        if (p.length === 3) {
          input.value = p[2] + "/" + p[1] + "/" + p[0];
          input.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
    var link = event.target.closest("a[data-back]");
    if (link && window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });
  document.addEventListener("DOMContentLoaded", function () { menu(); searchable(document); datepickers(document); });
  document.addEventListener("htmx:load", function (event) { searchable(event.target); datepickers(event.target); });
})();
