/* Runs in /sso/callback inside the shop's hidden iframe. On success it first asks the shop
 * (same origin, no cross-site redirect in between, so every browser accepts the cookie) to
 * set the session cookie, then tells the parent page; the message goes to this shop's own
 * origin only. */
(function () {
  "use strict";
  var body = document.body;
  var result = body.getAttribute("data-result");
  var framed = window.parent !== window;

  function tell(outcome) {
    if (framed) {
      window.parent.postMessage({ type: "shop-sso", result: outcome }, window.location.origin);
    } else {
      // Opened on its own (not in the iframe): go to the shop's front page instead.
      window.location.replace(body.getAttribute("data-home") || "/");
    }
  }

  if (result !== "signed_in") {
    tell("login_required");
    return;
  }
  fetch("/sso/finish", { method: "POST", credentials: "same-origin" })
    .then(function (response) {
      tell(response.ok ? "signed_in" : "login_required");
    })
    .catch(function () {
      tell("login_required");
    });
})();
