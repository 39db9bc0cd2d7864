// jixiao review: clicking a value loads its source and the correction form into the
// side panel without leaving the page. The server renders (and escapes) every piece
// of HTML; this script only fetches it. Without JavaScript the links still work.
(function () {
  "use strict";
  function page() { return document.querySelector(".report-page"); }

  function select(field) {
    document.querySelectorAll("a.v.selected").forEach(function (a) { a.classList.remove("selected"); });
    var target = null;
    document.querySelectorAll("a.v").forEach(function (a) {
      if (a.getAttribute("data-field") === field) { target = a; }
    });
    if (target) { target.classList.add("selected"); }
    return target;
  }

  function show(field) {
    var root = page();
    if (!root) { return; }
    var id = root.getAttribute("data-report");
    var url = "/reports/" + id + "/source?field=" + encodeURIComponent(field);
    var panel = document.getElementById("source");
    panel.classList.add("loading");
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        panel.innerHTML = html;  // server-rendered, autoescaped
        panel.classList.remove("loading");
        var cell = document.getElementById("source-cell");
        if (cell) { cell.scrollIntoView({ block: "center" }); }
        var box = document.getElementById("page-box");
        var view = document.getElementById("page-view");
        var img = document.getElementById("page-image");
        if (box && view && img) {
          var scroll = function () { view.scrollTop = Math.max(0, box.offsetTop - view.clientHeight / 3); };
          if (img.complete) { scroll(); } else { img.addEventListener("load", scroll); }
        }
        history.replaceState(null, "", "?field=" + encodeURIComponent(field) + "#source");
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.v, a.field-link");
    if (!link || !page()) { return; }
    event.preventDefault();
    var field = link.getAttribute("data-field");
    var value = select(field);
    if (value && link.classList.contains("field-link")) { value.scrollIntoView({ block: "center" }); }
    show(field);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("source-panel");
    if (panel && panel.getAttribute("data-field")) {
      var value = select(panel.getAttribute("data-field"));
      if (value) { value.scrollIntoView({ block: "center" }); }
    }
  });
})();
