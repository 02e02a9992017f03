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

  // Health, capacity, isolation, reputation and models come from GET /api/v1/workers (the
  // coordinator's capacity table with each worker's standing, and the models the inference role
  // serves on that node): an enrolled node that is not heartbeating is shown as such.
  let heartbeats = new Map();

  function health(n) {
    const w = heartbeats.get(n.nodeId);
    if (w) return el("span", { class: "status passed" }, "heartbeating");
    return el("span", { class: "status " + (n.status === "approved" ? "failed" : "queued") },
      n.status === "approved" ? "no heartbeat" : "not running");
  }

  function capacity(w) {
    if (!w) return "—";
    return [w.freeSlots + " / " + w.slots + " free", (w.cores || 1) + " cores", w.queued + " queued"].join(", ");
  }

  function reputation(w) {
    const r = w && w.reputation;
    if (!r) return "—";
    if (r.quarantined) return el("span", { class: "status failed" }, "quarantined");
    if (r.suspended) return el("span", { class: "status failed" }, "suspended");
    return r.agreed + " agreeing" + (r.established ? " (established)" : " (new: replicated)");
  }

  function models(w) {
    const list = w && (w.models || []);
    return list && list.length ? list.map(m => m.id || m.name || String(m)).join(", ") : "—";
  }

  async function list() {
    const status = $("filter").value;
    try {
      const r = await App.api("GET", "/api/v1/nodes" + (status ? "?status=" + status : ""));
      const nodes = r.nodes || [];
      $("nodes").replaceChildren(nodes.length === 0 ? el("p", { class: "empty" }, "No enrolled nodes" + (status ? " with status " + status : "") + ".")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["Node", "Org / roles", "Status", "Health", "Capacity", "Isolation", "Reputation", "Models", "Enrolled", ""]
            .map(t => el("th", {}, t)))),
          el("tbody", {}, nodes.map(n => {
            const w = heartbeats.get(n.nodeId);
            return el("tr", { "data-node": n.nodeId },
              el("td", {}, n.nodeId, el("div", { class: "muted" }, n.keyFingerprint || "")),
              el("td", {}, (n.org || "") + " / " + (n.roles || []).join(", ")),
              el("td", {}, App.status(n.status), n.reason ? el("div", { class: "muted" }, n.reason) : null),
              el("td", { class: "health" }, health(n)), el("td", {}, capacity(w)), el("td", {}, w ? w.isolation : "—"),
              el("td", {}, reputation(w)), el("td", {}, models(w)), el("td", {}, App.time(n.enrolledAt)), el("td", {}, actions(n)));
          })))));
    } catch (e) { App.showError($("nodes"), e); }
  }

  async function workers() {
    try {
      const r = await App.api("GET", "/api/v1/workers");
      const ws = r.workers || [];
      heartbeats = new Map(ws.map(w => [w.nodeId, w]));
      $("workers").replaceChildren(ws.length === 0 ? el("p", { class: "empty" }, "No workers are heartbeating.")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["Node", "Org", "Languages", "Free / slots", "Queued", "Isolation", "Cores", "Reputation", "Models"].map(t => el("th", {}, t)))),
          el("tbody", {}, ws.map(w => el("tr", { "data-worker": w.nodeId }, el("td", {}, w.nodeId), el("td", {}, w.org),
            el("td", {}, (w.languages || []).join(", ")), el("td", {}, w.freeSlots + " / " + w.slots), el("td", {}, w.queued),
            el("td", {}, w.isolation), el("td", {}, w.cores), el("td", {}, reputation(w)), el("td", {}, models(w))))))));
    } catch (e) { App.showError($("workers"), e); }
  }
  $("filter").addEventListener("change", list);
  async function refresh() { await workers(); await list(); }
  refresh();
  setInterval(refresh, 5000);
  App.ready();
})();
