/* The page's side of the silent single sign-on check (docs/owner-customer.md).
 * The hidden iframe #sso-frame runs /sso/start -> sign-in /authorize?prompt=none ->
 * /sso/callback, whose script posts the outcome here. Only a message from that iframe and
 * from this shop's own origin counts. Loaded before the iframe, so nothing is missed. */
(function () {
  "use strict";
  // Below the harness's 10 s UI timeout, well above a check's usual fraction of a second.
  var TIMEOUT_MS = 6000;
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
    if (result === "signed_in") {
      // The check stays "pending" until the signed-in page replaces this one; that page
      // says data-sso-check="signed_in" itself.
      window.location.replace(reloadTarget());
      return;
    }
    body.setAttribute("data-sso-check", result);
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
