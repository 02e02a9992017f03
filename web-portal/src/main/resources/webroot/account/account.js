// Shared helpers of the account pages: JSON calls to the portal API and the WebAuthn
// conversions between base64url (what the API speaks) and ArrayBuffers (what the browser wants).
"use strict";

const Account = (() => {
  function toBuffer(b64url) {
    const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    const text = atob(b64 + "===".slice((b64.length + 3) % 4));
    return Uint8Array.from(text, c => c.charCodeAt(0)).buffer;
  }

  function toB64url(buffer) {
    let text = "";
    new Uint8Array(buffer).forEach(b => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // The session's CSRF token: the session cookie is HttpOnly, so the page asks /api/v1/me for it.
  let csrf = null;

  async function csrfToken() {
    if (csrf === null) {
      const response = await fetch("/api/v1/me", { headers: { "Accept": "application/json" }, credentials: "same-origin" });
      csrf = response.ok ? ((await response.json()).csrfToken || "") : "";
    }
    return csrf;
  }

  async function call(method, path, body) {
    const headers = { "Accept": "application/json" };
    const signingIn = method === "POST" && (path === "/api/v1/sessions" || path.startsWith("/api/v1/sessions/passkey"));
    if (method !== "GET" && !signingIn) {
      headers["X-CSRF-Token"] = await csrfToken();
    }
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      throw new Error(json.message || ("request failed with status " + response.status));
    }
    return json;
  }

  function creationOptions(publicKey) {
    const options = Object.assign({}, publicKey);
    options.challenge = toBuffer(publicKey.challenge);
    options.user = Object.assign({}, publicKey.user, { id: toBuffer(publicKey.user.id) });
    options.excludeCredentials = (publicKey.excludeCredentials || []).map(c => Object.assign({}, c, { id: toBuffer(c.id) }));
    return options;
  }

  function requestOptions(publicKey) {
    const options = Object.assign({}, publicKey);
    options.challenge = toBuffer(publicKey.challenge);
    options.allowCredentials = (publicKey.allowCredentials || []).map(c => Object.assign({}, c, { id: toBuffer(c.id) }));
    return options;
  }

  function created(credential) {
    const r = credential.response;
    return {
      id: credential.id, rawId: toB64url(credential.rawId), type: credential.type,
      response: {
        clientDataJSON: toB64url(r.clientDataJSON), attestationObject: toB64url(r.attestationObject),
        transports: typeof r.getTransports === "function" ? r.getTransports() : []
      }
    };
  }

  function asserted(credential) {
    const r = credential.response;
    const response = {
      clientDataJSON: toB64url(r.clientDataJSON), authenticatorData: toB64url(r.authenticatorData),
      signature: toB64url(r.signature)
    };
    if (r.userHandle) {
      response.userHandle = toB64url(r.userHandle);
    }
    return { id: credential.id, rawId: toB64url(credential.rawId), type: credential.type, response };
  }

  function say(text, isError) {
    const status = document.getElementById("status");
    status.textContent = text;
    status.dataset.kind = isError ? "error" : "ok";
  }

  return { call, creationOptions, requestOptions, created, asserted, say };
})();
