// An invitation link carries its code after "#" (/svar/kod/#CODE). Browsers never send that
// part to the server, so the code reaches no access log. This script takes the code out of
// the address bar (and the history) and posts it with the code form on this page.
(function () {
  "use strict";
  var code = decodeURIComponent(window.location.hash.slice(1)).trim();
  var form = document.getElementById("code-form");
  if (!code || !form) {
    return;
  }
  window.history.replaceState(null, "", window.location.pathname);
  form.elements.code.value = code;
  form.submit();
})();
