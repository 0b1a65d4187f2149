/* The page's side of the silent single sign-on check (docs/owner-customer.md).
 * The hidden iframe #sso-frame runs /sso/start -> sign-in /authorize?prompt=none ->
 * /sso/callback, whose script posts the outcome here. Only a message from that iframe and
 * from this shop's own origin counts. Loaded before the iframe, so nothing is missed. */
(function () {
  "use strict";
  var TIMEOUT_MS = 10000;
  var body = document.body;
  var settled = false;

  function reloadTarget() {
    var path = body.getAttribute("data-sso-reload") || "/";
    // Only a path of this site: never an address elsewhere.
    return /^\/[A-Za-z0-9/_-]*$/.test(path) ? path : "/";
  }

  function settle(result) {
    if (settled) {
      return;
    }
    settled = true;
    body.setAttribute("data-sso-check", result);
    if (result === "signed_in") {
      window.location.replace(reloadTarget());
      return;
    }
    var notice = document.getElementById("sso-notice");
    if (notice) {
      notice.hidden = false;
    }
  }

  window.addEventListener("message", function (event) {
    var frame = document.getElementById("sso-frame");
    if (event.origin !== window.location.origin) {
      return;
    }
    if (!frame || event.source !== frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (!data || data.type !== "shop-sso") {
      return;
    }
    settle(data.result === "signed_in" ? "signed_in" : "login_required");
  });

  // No answer at all (the sign-in service unreachable, the frame blocked): sign in by hand.
  window.setTimeout(function () {
    settle("login_required");
  }, TIMEOUT_MS);
})();
