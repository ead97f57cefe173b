// The pulse creation page (pulse/edit.html); no inline script, the Content-Security-Policy
// allows none. Without this file the page still works: every unit shows, a ticked unit still
// brings everything below it, and "Add a question" needs it (saving adds an empty row).
(function () {
  "use strict";

  var tree = document.getElementById("unit-tree");
  if (!tree) {
    return;
  }

  // A ticked unit includes its whole branch: its descendants show as ticked and cannot be
  // ticked on their own (a disabled box is not sent, and the unit above covers them).
  function boxesBelow(box) {
    var item = box.closest("li");
    return item ? item.querySelectorAll(":scope li input[type=checkbox]") : [];
  }

  function applyBranch(box) {
    boxesBelow(box).forEach(function (below) {
      below.checked = box.checked;
      below.disabled = box.checked;
      below.closest("label").classList.toggle("included", box.checked);
    });
  }

  // The count of who would be invited (htmx, #invite-count) follows every change of the
  // form that decides who is asked; the newest request replaces one still running.
  var count = document.getElementById("invite-count");
  function recount() {
    if (count) {
      count.dispatchEvent(new CustomEvent("recount"));
    }
  }

  tree.querySelectorAll("input[type=checkbox]:checked").forEach(applyBranch);
  tree.form.addEventListener("change", function (event) {
    if (event.target.id === "unit-search") {
      return;
    }
    if (tree.contains(event.target) && event.target.matches("input[type=checkbox]")) {
      applyBranch(event.target);
    }
    recount();
  });

  // The search box: shows the units whose name or code contains the text, with the units
  // above them (opened) so each match is seen in its place in the tree.
  var search = document.getElementById("unit-search");
  var status = document.getElementById("unit-search-status");
  search.closest(".unit-search").hidden = false;

  function filter() {
    var text = search.value.trim().toLowerCase();
    var items = tree.querySelectorAll("li[data-search]");
    var matches = 0;
    items.forEach(function (item) {
      item.hidden = text !== "";
    });
    if (text === "") {
      status.textContent = "";
      return;
    }
    items.forEach(function (item) {
      if (item.getAttribute("data-search").indexOf(text) === -1) {
        return;
      }
      matches += 1;
      item.hidden = false;
      for (var up = item.parentElement; up && up !== tree; up = up.parentElement) {
        if (up.tagName === "LI") {
          up.hidden = false;
        } else if (up.tagName === "DETAILS") {
          up.open = true;
        }
      }
    });
    status.textContent = matches
      ? status.getAttribute("data-some") + " " + matches
      : status.getAttribute("data-none");
  }

  search.addEventListener("input", filter);
  // Enter in the search box filters; it must not send the whole form.
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      filter();
    }
  });
})();
