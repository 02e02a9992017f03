"use strict";
(async function () {
  const me = await App.signedIn();
  App.nav("account.html");
  $("me").replaceChildren(el("dl", {},
    el("dt", {}, "Email"), el("dd", {}, me.email || "—"),
    el("dt", {}, "Account"), el("dd", {}, me.account),
    el("dt", {}, "Roles"), el("dd", {}, (me.roles || []).join(", ")),
    me.org ? [el("dt", {}, "Organisation"), el("dd", {}, me.org)] : null));

  async function tokens() {
    try {
      const r = await App.api("GET", "/api/v1/tokens");
      const list = r.tokens || [];
      $("tokens").replaceChildren(list.length === 0 ? el("p", { class: "empty" }, "No tokens.")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["Name", "Scopes", "Expires", "Last used", ""].map(t => el("th", {}, t)))),
          el("tbody", {}, list.map(t => el("tr", {}, el("td", {}, t.name), el("td", {}, (t.scopes || []).join(", ")),
            el("td", {}, App.time(t.expiresAt)), el("td", {}, t.revokedAt ? "revoked " + App.time(t.revokedAt) : App.time(t.lastUsedAt)),
            el("td", {}, t.revokedAt ? "" : el("button", { type: "button", class: "danger", onclick: () => revoke(t.id),
              "aria-label": "Revoke token " + t.name }, "Revoke"))))))));
    } catch (e) { App.showError($("tokens"), e); }
  }
  async function revoke(id) {
    try { await App.api("DELETE", "/api/v1/tokens/" + encodeURIComponent(id)); tokens(); }
    catch (e) { App.showError($("token-msg"), e); }
  }
  $("token-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const t = await App.api("POST", "/api/v1/tokens", { name: $("tok-name").value, scopes: [$("tok-scope").value],
        expiresInDays: Number($("tok-days").value) });
      $("token-msg").replaceChildren(el("div", { class: "notice", role: "status" }, "Copy this token now; it is not shown again:",
        el("code", { class: "secret" }, t.token)));
      tokens();
    } catch (e) { App.showError($("token-msg"), e); }
  });

  async function sessions() {
    try {
      const r = await App.api("GET", "/api/v1/sessions");
      const list = r.sessions || [];
      $("sessions").replaceChildren(el("div", { class: "table-wrap" }, el("table", {},
        el("thead", {}, el("tr", {}, ["Started", "From", "Browser", ""].map(t => el("th", {}, t)))),
        el("tbody", {}, list.map(s => el("tr", {}, el("td", {}, App.time(s.createdAt)), el("td", {}, s.address || "—"),
          el("td", {}, s.userAgent || "—"), el("td", {}, s.current ? "this session"
            : el("button", { type: "button", class: "secondary", onclick: () => end(s.id) }, "Sign out"))))))));
    } catch (e) { App.showError($("sessions"), e); }
  }
  async function end(id) {
    try { await App.api("DELETE", "/api/v1/sessions/" + encodeURIComponent(id)); sessions(); }
    catch (e) { App.showError($("ses-msg"), e); }
  }
  $("everywhere").addEventListener("click", async () => {
    try { await App.api("DELETE", "/api/v1/sessions/all"); location.href = "/"; }
    catch (e) { App.showError($("ses-msg"), e); }
  });

  // Security changes need the current password, unless this session signed in less than 10 minutes ago.
  function reauth(field) { return field.value ? { currentPassword: field.value } : {}; }

  async function passkeys() {
    try {
      const list = (await App.api("GET", "/api/v1/passkeys")).passkeys || [];
      $("passkeys").replaceChildren(list.length === 0 ? el("p", { class: "empty" }, "No passkeys yet.")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["Name", "Added", "Last used", ""].map(t => el("th", {}, t)))),
          el("tbody", {}, list.map(k => el("tr", { "data-passkey": k.id }, el("td", {}, k.name), el("td", {}, App.time(k.createdAt)),
            el("td", {}, App.time(k.lastUsedAt)), el("td", {}, el("button", { type: "button", class: "danger",
              onclick: () => removePasskey(k.id), "aria-label": "Remove passkey " + k.name }, "Remove"))))))));
    } catch (e) { App.showError($("passkeys"), e); }
  }
  async function removePasskey(id) {
    try { await App.api("DELETE", "/api/v1/passkeys/" + encodeURIComponent(id), reauth($("pk-password"))); passkeys(); }
    catch (e) { App.showError($("pk-msg"), e); }
  }
  $("passkey-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!window.PublicKeyCredential) { App.showError($("pk-msg"), "This browser has no passkey support."); return; }
    try {
      const options = await App.api("POST", "/api/v1/passkeys/options", {});
      const credential = await navigator.credentials.create({ publicKey: Account.creationOptions(options.publicKey) });
      await App.api("POST", "/api/v1/passkeys", { name: $("pk-name").value, credential: Account.created(credential) });
      App.notice($("pk-msg"), "Passkey added.");
      passkeys();
    } catch (e) { App.showError($("pk-msg"), "Adding the passkey failed: " + e.message); }
  });

  function showPayout(r) {
    const p = r && r.payout;
    $("payout").replaceChildren(p ? el("dl", {}, el("dt", {}, "Pays to"), el("dd", { id: "payout-address" }, p.address),
      el("dt", {}, "Kind / network"), el("dd", {}, p.kind + " / " + p.network), el("dt", {}, "Changed"), el("dd", {}, App.time(p.updatedAt)))
      : el("p", { class: "empty", id: "payout-address" }, "No payout destination set (this deployment pays on " + r.network + ")."));
    $("payout-remove").hidden = !p;
  }
  async function payout() {
    try { showPayout(await App.api("GET", "/api/v1/me/payout")); }
    catch (e) { App.showError($("payout"), e); $("payout-form").hidden = true; }
  }
  $("payout-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const body = Object.assign({ address: $("po-address").value.trim() }, reauth($("po-password")));
      if ($("po-kind").value) body.kind = $("po-kind").value;
      showPayout(await App.api("PUT", "/api/v1/me/payout", body));
      $("po-password").value = "";
      App.notice($("po-msg"), "Payout destination saved.");
    } catch (e) { App.showError($("po-msg"), e); }
  });
  $("payout-remove").addEventListener("click", async () => {
    try {
      showPayout(await App.api("DELETE", "/api/v1/me/payout", reauth($("po-password"))));
      $("po-password").value = "";
      App.notice($("po-msg"), "Payout destination removed.");
    } catch (e) { App.showError($("po-msg"), e); }
  });
  tokens();
  sessions();
  passkeys();
  payout();
  App.ready();
})();
