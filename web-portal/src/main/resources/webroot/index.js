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
  $("passkey-button").addEventListener("click", async () => {
    if (!window.PublicKeyCredential) { App.showError(msg, "This browser has no passkey support."); return; }
    try {
      const options = await App.api("POST", "/api/v1/sessions/passkey/options", {});
      const credential = await navigator.credentials.get({ publicKey: Account.requestOptions(options.publicKey) });
      await App.api("POST", "/api/v1/sessions/passkey", { credential: Account.asserted(credential) });
      location.href = target;
    } catch (e) { App.showError(msg, "Passkey sign-in failed: " + e.message); }
  });
  providers();
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

  // "Continue with Google / Microsoft": one button per provider this node has configured.
  async function providers() {
    const labels = { google: "Google", microsoft: "Microsoft" };
    try {
      const r = await App.api("GET", "/api/v1/oauth/providers");
      const names = (r && r.providers) || [];
      $("provider-buttons").replaceChildren(...names.map(n => el("a", {
        class: "button secondary", id: "oauth-" + n, href: "/api/v1/oauth/" + encodeURIComponent(n) + "/start"
      }, "Continue with " + (labels[n] || n))));
      $("providers").hidden = names.length === 0;
    } catch (e) { /* no providers configured (or no OIDC on this node): nothing to show */ }
  }
  App.ready();
})();
