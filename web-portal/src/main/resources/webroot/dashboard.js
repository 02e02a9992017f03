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

  /** A small SVG line chart of the last hour, drawn here (no library). */
  function chart() {
    const W = 600, H = 180, P = 24;
    const series = [["freeSlots", "#17733a", 1], ["queueDepth", "#1f5fbf", 1], ["jobsPerSecond", "#d9822b", 60]];
    const max = Math.max(1, ...samples.flatMap(s => series.map(([k, , f]) => (s[k] || 0) * f)));
    const t0 = Date.now() - 3600 * 1000;
    const x = (at) => P + (W - 2 * P) * Math.max(0, (new Date(at).getTime() - t0) / 3600000);
    const y = (v) => H - P - (H - 2 * P) * (v / max);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Last hour: free slots, queue depth and jobs per minute; maximum " + max);
    const axis = document.createElementNS(ns, "path");
    axis.setAttribute("d", "M" + P + " " + (H - P) + " H" + (W - P) + " M" + P + " " + P + " V" + (H - P));
    axis.setAttribute("stroke", "#999");
    svg.append(axis);
    for (const [k, color, f] of series) {
      if (samples.length === 0) break;
      const line = document.createElementNS(ns, "polyline");
      line.setAttribute("points", samples.map(s => x(s.at).toFixed(1) + "," + y((s[k] || 0) * f).toFixed(1)).join(" "));
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", color);
      line.setAttribute("stroke-width", "2");
      svg.append(line);
    }
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", P + 4);
    label.setAttribute("y", P - 6);
    label.setAttribute("font-size", "11");
    label.textContent = "max " + max.toFixed(max < 10 ? 2 : 0) + " · 1 h →";
    svg.append(label);
    $("chart").replaceChildren(samples.length ? svg : el("p", { class: "empty" }, "No readings yet."));
  }

  async function history() {
    try {
      const r = await App.api("GET", "/api/v1/dashboard");
      samples = r.samples || [];
      if (samples.length) tiles(samples[samples.length - 1]);
      chart();
    } catch (e) { App.showError($("msg"), e); }
  }

  const bus = new Bus((on) => { live.set(on); if (on) history(); });
  bus.register(Bus.DASHBOARD, (s) => {
    samples.push(s);
    const cut = Date.now() - 3600 * 1000;
    while (samples.length && new Date(samples[0].at).getTime() < cut) samples.shift();
    tiles(s);
    chart();
  });
})();
