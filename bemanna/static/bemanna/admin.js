// Django's admin, made to pass axe: a searchable list (select2, the admin's autocomplete) is
// named by its field's label, which select2 does not pass on to the box it draws.
window.addEventListener("load", () => {
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    const box = select.parentElement.querySelector(".select2-selection");
    if (!label || !box) continue;
    label.id = label.id || `${select.id}-label`;
    const shown = box.getAttribute("aria-labelledby") || "";
    box.setAttribute("aria-labelledby", `${label.id} ${shown}`.trim());
  }
});
