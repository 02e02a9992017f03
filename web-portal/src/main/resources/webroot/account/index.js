"use strict";

const RESULTS = { "signed-in": "Signed in.", "created": "Account created.", "linked": "Identity linked to this account." };

(async () => {
  const result = new URLSearchParams(window.location.search).get("oauth");
  if (result && RESULTS[result]) {
    Account.say(RESULTS[result], false);
  }
  try {
    const me = await Account.call("GET", "/api/v1/me");
    document.getElementById("who").textContent = me.email || me.account;
    const { providers } = await Account.call("GET", "/api/v1/oauth/providers");
    const list = document.getElementById("providers");
    providers.forEach(name => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/api/v1/oauth/" + encodeURIComponent(name) + "/start";
      link.textContent = "Link " + name;
      item.appendChild(link);
      list.appendChild(item);
    });
  } catch (e) {
    document.getElementById("who").textContent = "nobody";
    Account.say(e.message, true);
  }
})();

document.getElementById("signout").addEventListener("click", async () => {
  try {
    await Account.call("DELETE", "/api/v1/sessions");
    window.location.assign("/account/signin.html");
  } catch (e) {
    Account.say(e.message, true);
  }
});
