// Behaviour that would otherwise be inline script (the Content-Security-Policy allows none):
// a <select data-autosubmit> submits its form when changed.
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("[data-autosubmit]") && event.target.form) {
    event.target.form.submit();
  }
});
