"use strict";

async function refresh() {
  const { passkeys } = await Account.call("GET", "/api/v1/passkeys");
  const body = document.getElementById("passkeys");
  body.replaceChildren();
  passkeys.forEach(p => {
    const row = document.createElement("tr");
    row.dataset.id = p.id;
    [p.name, p.createdAt, p.lastUsedAt || "never"].forEach(text => {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.appendChild(cell);
    });
    const action = document.createElement("td");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove passkey " + p.name);
    remove.addEventListener("click", () => removePasskey(p));
    action.appendChild(remove);
    row.appendChild(action);
    body.appendChild(row);
  });
}

async function removePasskey(passkey) {
  try {
    await Account.call("DELETE", "/api/v1/passkeys/" + encodeURIComponent(passkey.id));
    Account.say("Removed passkey " + passkey.name + ".", false);
    await refresh();
  } catch (e) {
    Account.say(e.message, true);
  }
}

document.getElementById("add-form").addEventListener("submit", async event => {
  event.preventDefault();
  const name = document.getElementById("passkey-name").value;
  try {
    const options = await Account.call("POST", "/api/v1/passkeys/options", {});
    const credential = await navigator.credentials.create({ publicKey: Account.creationOptions(options.publicKey) });
    await Account.call("POST", "/api/v1/passkeys", { name, credential: Account.created(credential) });
    Account.say("Added passkey " + name + ".", false);
    document.getElementById("passkey-name").value = "";
    await refresh();
  } catch (e) {
    Account.say("Adding the passkey failed: " + e.message, true);
  }
});

refresh().catch(e => Account.say(e.message, true));
