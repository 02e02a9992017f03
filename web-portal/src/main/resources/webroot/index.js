"use strict";
(async function () {
  const msg = $("msg");
  const next = new URLSearchParams(location.search).get("next");
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/jobs.html";
  try {
    await App.api("GET", "/api/v1/me");
    location.replace(target);
    return;
  } catch (e) { /* not signed in: stay */ }
  $("signin").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await App.api("POST", "/api/v1/sessions", { email: $("si-email").value, password: $("si-password").value });
      location.href = target;
    } catch (e) { App.showError(msg, e); }
  });
  $("signup").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await App.api("POST", "/api/v1/accounts", { email: $("su-email").value, password: $("su-password").value });
      App.notice(msg, (r && r.message) || "Check your mail for the confirmation link.");
    } catch (e) { App.showError(msg, e); }
  });
  $("reset").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await App.api("POST", "/api/v1/password-resets", { email: $("rs-email").value });
      App.notice(msg, (r && r.message) || "If the address has an account, a reset link is on its way.");
    } catch (e) { App.showError(msg, e); }
  });
})();
