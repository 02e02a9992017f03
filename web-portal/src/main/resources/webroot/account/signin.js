"use strict";

document.getElementById("password-form").addEventListener("submit", async event => {
  event.preventDefault();
  try {
    await Account.call("POST", "/api/v1/sessions", {
      email: document.getElementById("email").value, password: document.getElementById("password").value
    });
    window.location.assign("/account/");
  } catch (e) {
    Account.say(e.message, true);
  }
});

document.getElementById("passkey-signin").addEventListener("click", async () => {
  try {
    const options = await Account.call("POST", "/api/v1/sessions/passkey/options", {});
    const credential = await navigator.credentials.get({ publicKey: Account.requestOptions(options.publicKey) });
    await Account.call("POST", "/api/v1/sessions/passkey", { credential: Account.asserted(credential) });
    window.location.assign("/account/");
  } catch (e) {
    Account.say("Passkey sign-in failed: " + e.message, true);
  }
});

(async () => {
  try {
    const { providers } = await Account.call("GET", "/api/v1/oauth/providers");
    const list = document.getElementById("providers");
    providers.forEach(name => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/api/v1/oauth/" + encodeURIComponent(name) + "/start";
      link.textContent = "Sign in with " + name;
      item.appendChild(link);
      list.appendChild(item);
    });
  } catch (e) {
    Account.say(e.message, true);
  }
})();
