// A small line-chart helper written for the dashboard (no library, no CDN): draws one SVG of the
// last hour for a few series of samples, with the y range, a time axis and a text alternative.
"use strict";

const Chart = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const HOUR = 3600 * 1000;

  function node(tag, attrs, text) {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function fmt(v) { return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2); }

  /**
   * samples: objects with "at" (ISO time); series: [{ label, color, value: sample => number|null }].
   * Answers an <svg> (or an empty-state paragraph when there is nothing to draw).
   */
  function lines(title, samples, series, unit) {
    const W = 360, H = 150, L = 40, R = 8, T = 20, B = 22;
    const now = Date.now(), t0 = now - HOUR;
    const values = samples.flatMap(s => series.map(c => c.value(s))).filter(v => v !== null && v !== undefined && isFinite(v));
    if (values.length === 0) return el("p", { class: "empty" }, title + ": no readings yet.");
    const max = Math.max(1e-9, ...values) * 1.1;
    const x = (at) => L + (W - L - R) * Math.min(1, Math.max(0, (new Date(at).getTime() - t0) / HOUR));
    const y = (v) => H - B - (H - T - B) * (v / max);
    const last = samples[samples.length - 1];
    const summary = series.map(c => c.label + " " + (c.value(last) === null || c.value(last) === undefined ? "—" : fmt(c.value(last)))).join(", ");
    const svg = node("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img",
      "aria-label": title + ", last hour, now: " + summary + (unit ? " " + unit : "") });
    svg.append(node("text", { x: 4, y: 13, "font-size": 12, "font-weight": 600 }, title));
    svg.append(node("path", { d: "M" + L + " " + (H - B) + " H" + (W - R) + " M" + L + " " + T + " V" + (H - B), stroke: "#999", fill: "none" }));
    svg.append(node("text", { x: L - 4, y: T + 4, "font-size": 10, "text-anchor": "end" }, fmt(max)));
    svg.append(node("text", { x: L - 4, y: H - B, "font-size": 10, "text-anchor": "end" }, "0"));
    svg.append(node("text", { x: L, y: H - 6, "font-size": 10 }, "−60 min"));
    svg.append(node("text", { x: W - R, y: H - 6, "font-size": 10, "text-anchor": "end" }, "now"));
    let legendX = W - R;
    for (const c of series.slice().reverse()) {
      const label = node("text", { x: legendX, y: 13, "font-size": 10, "text-anchor": "end", fill: c.color }, "● " + c.label);
      svg.append(label);
      legendX -= 12 + 6 * (c.label.length + 2);
    }
    for (const c of series) {
      const pts = samples.filter(s => c.value(s) !== null && c.value(s) !== undefined)
        .map(s => x(s.at).toFixed(1) + "," + y(c.value(s)).toFixed(1));
      if (pts.length) svg.append(node("polyline", { points: pts.join(" "), fill: "none", stroke: c.color, "stroke-width": 2 }));
    }
    return svg;
  }

  return { lines };
})();
