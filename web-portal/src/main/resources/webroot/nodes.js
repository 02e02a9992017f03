"use strict";
(async function () {
  await App.signedIn();
  App.nav("nodes.html");

  $("enroll").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { roles: $("roles").value.split(","), ttlMinutes: Number($("ttl").value) };
    if ($("org").value.trim()) body.org = $("org").value.trim();
    try {
      const t = await App.api("POST", "/api/v1/enrollment/tokens", body);
      $("enroll-msg").replaceChildren(el("div", { class: "notice", role: "status" },
        "Run this on the new machine (the token is single-use, valid until " + App.time(t.expiresAt) + ", shown only now):",
        el("code", { class: "secret", id: "enroll-command" }, t.command),
        el("button", { type: "button", class: "secondary", onclick: () => navigator.clipboard && navigator.clipboard.writeText(t.command) },
          "Copy command")));
      list();
    } catch (e) { App.showError($("enroll-msg"), e); }
  });

  async function decide(id, action) {
    try { await App.api("POST", "/api/v1/nodes/" + encodeURIComponent(id) + "/" + action, {}); list(); }
    catch (e) { App.showError($("nodes-msg"), e); }
  }

  function actions(n) {
    const b = (action, cls) => el("button", { type: "button", class: cls, onclick: () => decide(n.nodeId, action),
      "aria-label": action + " " + n.nodeId }, action);
    if (n.status === "pending") return [b("approve", ""), b("reject", "secondary"), b("revoke", "danger")];
    if (n.status === "approved") return [b("revoke", "danger")];
    return [];
  }

  async function list() {
    const status = $("filter").value;
    try {
      const r = await App.api("GET", "/api/v1/nodes" + (status ? "?status=" + status : ""));
      const nodes = r.nodes || [];
      $("nodes").replaceChildren(nodes.length === 0 ? el("p", { class: "empty" }, "No enrolled nodes" + (status ? " with status " + status : "") + ".")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["Node", "Org / roles", "Status", "Enrolled", ""].map(t => el("th", {}, t)))),
          el("tbody", {}, nodes.map(n => el("tr", { "data-node": n.nodeId },
            el("td", {}, n.nodeId, el("div", { class: "muted" }, n.keyFingerprint || "")),
            el("td", {}, (n.org || "") + " / " + (n.roles || []).join(", ")),
            el("td", {}, App.status(n.status), n.reason ? el("div", { class: "muted" }, n.reason) : null),
            el("td", {}, App.time(n.enrolledAt)), el("td", {}, actions(n))))))));
    } catch (e) { App.showError($("nodes"), e); }
  }

  async function workers() {
    try {
      const r = await App.api("GET", "/api/v1/workers");
      const ws = r.workers || [];
      $("workers").replaceChildren(ws.length === 0 ? el("p", { class: "empty" }, "No workers are heartbeating.")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["Node", "Org", "Languages", "Free / slots", "Queued", "Isolation", "Cores"].map(t => el("th", {}, t)))),
          el("tbody", {}, ws.map(w => el("tr", {}, el("td", {}, w.nodeId), el("td", {}, w.org), el("td", {}, (w.languages || []).join(", ")),
            el("td", {}, w.freeSlots + " / " + w.slots), el("td", {}, w.queued), el("td", {}, w.isolation), el("td", {}, w.cores))))))));
    } catch (e) { App.showError($("workers"), e); }
  }
  $("filter").addEventListener("change", list);
  list();
  workers();
  setInterval(workers, 5000);
})();
