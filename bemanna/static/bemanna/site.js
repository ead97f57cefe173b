// Behaviour that would otherwise be inline script (the Content-Security-Policy allows none):
// a <select data-autosubmit> submits its form when changed.
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("[data-autosubmit]") && event.target.form) {
    event.target.form.submit();
  }
});

// Small accessibility helpers for every page (loaded from base.html).
(function () {
  "use strict";

  // After a failed submit the error summary takes the focus, so a screen reader reads it
  // first and a keyboard user can follow its links to the fields (WCAG 3.3.1).
  function focusSummary(root) {
    var summary = root.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  // A table wider than the screen scrolls inside its own box, not the page (WCAG 1.4.10);
  // while it scrolls, the box is a labelled region a keyboard can reach and scroll (2.1.1).
  var label = document.body.getAttribute("data-table-label") || "Table";

  function nameOf(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    for (var el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      for (var prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) {
          return label + ": " + prev.textContent.trim();
        }
      }
    }
    return label;
  }

  // The scroll box `element` sits in: its parent if that is one, else a new one (`className`).
  function scrollBox(element, className) {
    var box = element.parentElement;
    if (!box.classList.contains("scroll")) {
      box = document.createElement("div");
      box.className = className;
      element.parentNode.insertBefore(box, element);
      box.appendChild(element);
    }
    return box;
  }

  function wrapTables(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      scrollBox(table, "scroll").setAttribute("data-name", nameOf(table));
    });
    markScrolling();
  }

  // A chart keeps the size it was drawn at: scaled down to a phone's width its 12 px text
  // would be 7 px (WCAG 1.4.4). One wider than the screen scrolls in its own box, as a table
  // does, named by the chart's own name.
  function wrapCharts(root) {
    root.querySelectorAll("main svg.marks").forEach(function (svg) {
      var picture = svg.closest("[role=img]") || svg;
      var name = picture.getAttribute("aria-label") || label;
      scrollBox(picture, "scroll chart-box").setAttribute("data-name", name);
    });
  }

  function markScrolling() {
    document.querySelectorAll("main .scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("tabindex", "0");
        box.setAttribute("aria-label", box.getAttribute("data-name") || label);
      } else {
        box.removeAttribute("role");
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-label");
      }
    });
  }

  wrapCharts(document);
  wrapTables(document);
  focusSummary(document);
  window.addEventListener("resize", markScrolling);
  document.body.addEventListener("htmx:afterSwap", function (event) {
    wrapCharts(event.target);
    wrapTables(event.target);
    focusSummary(event.target);
  });
})();
