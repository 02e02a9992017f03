"use strict";
(async function () {
  const msg = $("msg");
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (!token) { App.showError(msg, "This link has no token; open the link from the mail again."); return; }
  try {
    await App.api("POST", "/api/v1/accounts/verify", { token });
    App.notice(msg, "Your email is confirmed. You can sign in now.");
  } catch (e) { App.showError(msg, e); }
  App.ready();
})();
