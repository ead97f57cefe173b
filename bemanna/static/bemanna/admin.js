// Django's admin, made to pass axe: a searchable list (select2, the admin's autocomplete) is
// named by its field's label, which select2 does not pass on to the boxes it draws.
function nameAutocompletes() {
  for (const select of document.querySelectorAll("select.admin-autocomplete")) {
    const label = document.querySelector(`label[for="${select.id}"]`);
    if (!label) continue;
    const name = label.textContent.replace(/:\s*$/, "").trim();
    const boxes = select.parentElement.querySelectorAll(
      ".select2-selection, .select2-selection__rendered",
    );
    for (const box of boxes) {
      box.removeAttribute("aria-labelledby");
      box.setAttribute("aria-label", name);
    }
  }
}
window.addEventListener("load", () => setTimeout(nameAutocompletes, 0));
