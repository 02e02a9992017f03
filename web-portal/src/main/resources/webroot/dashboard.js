"use strict";
(async function () {
  const me = await App.signedIn();
  App.nav("dashboard.html");
  const live = liveIndicator();
  $("live-slot").append(live.node);
  if (!App.isOperator(me)) {
    App.showError($("msg"), "The operations dashboard is for coordinator-owners and system-admins.");
    return;
  }
  let samples = [];

  function tiles(s) {
    const t = (k, v, id) => el("div", { class: "tile" }, el("div", { class: "k" }, k), el("div", { class: "v", id }, v));
    const pct = s.successRate === null || s.successRate === undefined ? "—" : (s.successRate * 100).toFixed(1) + " %";
    const ms = (v) => v === null || v === undefined ? "—" : v + " ms";
    $("tiles").replaceChildren(
      t("Workers", s.workers, "d-workers"), t("Free / slots", s.freeSlots + " / " + s.slots, "d-slots"),
      t("Queue depth", s.queueDepth, "d-queue"), t("Jobs per second", Number(s.jobsPerSecond).toFixed(2), "d-rate"),
      t("Success (1 h)", pct, "d-success"), t("Submit → end p50 / p99", ms(s.p50Ms) + " / " + ms(s.p99Ms), "d-latency"),
      t("Ledger head", s.ledgerHead === null || s.ledgerHead === undefined ? "—" : s.ledgerHead, "d-ledger"),
      t("Last checkpoint", App.time(s.ledgerCheckpointAt), "d-checkpoint"));
  }

  /** The last hour as small charts (chart.js, drawn here). */
  function chart() {
    const n = (k, f) => (s) => s[k] === null || s[k] === undefined ? null : s[k] * (f || 1);
    $("chart").replaceChildren(
      Chart.lines("Capacity", samples, [{ label: "free slots", color: "#17733a", value: n("freeSlots") },
        { label: "slots", color: "#5b6470", value: n("slots") }, { label: "workers", color: "#7b3fb5", value: n("workers") }]),
      Chart.lines("Work", samples, [{ label: "queue depth", color: "#1f5fbf", value: n("queueDepth") },
        { label: "jobs / min", color: "#d9822b", value: n("jobsPerSecond", 60) }]),
      Chart.lines("Submit → end (ms)", samples, [{ label: "p50", color: "#1f5fbf", value: n("p50Ms") },
        { label: "p99", color: "#b42318", value: n("p99Ms") }], "ms"),
      Chart.lines("Success rate (%)", samples, [{ label: "success", color: "#17733a", value: n("successRate", 100) }], "%"));
  }

  const SECURITY = new Set(["signin.failed", "signin.locked", "signin.disabled", "signout.everywhere", "session.ended",
    "password.reset.requested", "password.reset", "token.created", "token.revoked", "account.created", "account.changed",
    "payout.set", "payout.removed"]);
  async function security() {
    try {
      const r = await App.api("GET", "/api/v1/audit?limit=200");
      const events = (r.entries || []).filter(e => SECURITY.has(e.event)).slice(0, 20);
      $("security").replaceChildren(events.length === 0 ? el("p", { class: "empty" }, "No security events in the latest audit entries.")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["When", "Event", "Account", "From", "Detail"].map(t => el("th", {}, t)))),
          el("tbody", {}, events.map(e => el("tr", { "data-event": e.event }, el("td", {}, App.time(e.at)),
            el("td", {}, App.status(e.event)), el("td", {}, e.account || "—"), el("td", {}, e.address || "—"),
            el("td", {}, e.detail === null || e.detail === undefined ? "" : typeof e.detail === "string" ? e.detail : JSON.stringify(e.detail))))))));
    } catch (e) { App.showError($("security"), e); }
  }

  async function history() {
    try {
      const r = await App.api("GET", "/api/v1/dashboard");
      samples = r.samples || [];
      if (samples.length) tiles(samples[samples.length - 1]);
      chart();
    } catch (e) { App.showError($("msg"), e); }
  }

  security();
  setInterval(security, 15000);
  const bus = new Bus((on) => { live.set(on); if (on) history(); });
  bus.register(Bus.DASHBOARD, (s) => {
    samples.push(s);
    const cut = Date.now() - 3600 * 1000;
    while (samples.length && new Date(samples[0].at).getTime() < cut) samples.shift();
    tiles(s);
    chart();
  });
  App.ready();
})();
