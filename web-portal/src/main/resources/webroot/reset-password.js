"use strict";
(function () {
  const msg = $("msg");
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (!token) App.showError(msg, "This link has no token; open the link from the mail again.");
  $("reset").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await App.api("POST", "/api/v1/password-resets/confirm", { token, password: $("pw").value });
      App.notice(msg, (r && r.message) || "Password changed; sign in again.");
    } catch (e) { App.showError(msg, e); }
  });
  App.ready();
})();
