"use strict";
(async function () {
  const me = await App.signedIn();
  App.nav("jobs.html");
  const id = new URLSearchParams(location.search).get("id");
  const live = liveIndicator();
  $("live-slot").append(live.node);
  if (!id) { App.showError($("msg"), "No job id in the address."); return; }
  let job = null;
  let refetch = null;

  function summary() {
    const cost = job.costMilli;
    $("title").textContent = job.title || job.id;
    $("summary").replaceChildren(el("dl", {},
      el("dt", {}, "Status"), el("dd", { id: "job-status" }, App.status(job.status), job.verified ? " verified" : ""),
      el("dt", {}, "Language / locality"), el("dd", {}, job.language + " / " + job.locality),
      el("dt", {}, "Isolation"), el("dd", {}, job.isolation || "—"),
      el("dt", {}, "Planned by"), el("dd", { id: "job-planner" }, job.planner || "—",
        job.plannerNote ? el("div", { class: "muted" }, "fallback: " + job.plannerNote) : null),
      el("dt", {}, "Credits"), el("dd", { id: "job-credits" }, cost === undefined ? "…" : App.credits(cost)),
      el("dt", {}, "Created / finished"), el("dd", {}, App.time(job.createdAt) + " / " + App.time(job.finishedAt)),
      (job.notes || []).length ? [el("dt", {}, "Notes"), el("dd", {}, job.notes.join("; "))] : null),
      job.status === "queued" || job.status === "running"
        ? el("button", { type: "button", class: "danger", onclick: cancel }, "Cancel job") : null);
  }

  function subtasks() {
    const rows = (job.subtasks || []).map(s => {
      const failures = s.report && s.report.failures && s.report.failures.length
        ? el("ul", {}, s.report.failures.map(f => el("li", {}, el("strong", {}, f.test), ": ", f.message))) : null;
      return el("tr", { "data-subtask": s.id },
        el("td", {}, s.test),
        el("td", { class: "st" }, App.status(s.status), s.worker ? el("div", { class: "muted" }, "on " + s.worker) : null),
        el("td", {}, "attempts " + s.attempts + (s.isolation ? ", " + s.isolation : "") + (s.durationMs != null ? ", " + s.durationMs + " ms" : ""),
          s.verification ? el("div", { class: "muted" }, s.verification) : null),
        el("td", {}, failures,
          s.stdout ? el("details", {}, el("summary", {}, "stdout"), el("pre", {}, s.stdout)) : null,
          s.stderr ? el("details", {}, el("summary", {}, "stderr"), el("pre", {}, s.stderr)) : null));
    });
    $("subtasks").replaceChildren(rows.length === 0 ? el("p", { class: "empty" }, "No subtasks (yet).")
      : el("div", { class: "table-wrap" }, el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}, "Test file"), el("th", {}, "Status"), el("th", {}, "Run"), el("th", {}, "Result"))),
        el("tbody", {}, rows))));
  }

  // The agent loop's rounds: the model call and the round's sandbox test runs, each with what it cost the job.
  function steps() {
    const list = job.steps || [];
    $("steps-card").hidden = list.length === 0;
    const rows = list.map(s => el("tr", { "data-step": String(s.iteration) },
      el("td", {}, String(s.iteration)),
      el("td", {}, App.status(s.status), s.error ? el("div", { class: "muted" }, s.error) : null),
      el("td", {}, s.model || "—", s.servedBy ? el("div", { class: "muted" }, "on " + s.servedBy) : null,
        el("div", { class: "muted" }, s.promptTokens + " + " + s.completionTokens + " tokens, " + s.modelMs + " ms")),
      el("td", { class: "model-charge" }, App.credits(s.chargedMilli)),
      el("td", {}, s.testMs + " ms", s.testCpuMs != null ? el("div", { class: "muted" }, s.testCpuMs + " ms CPU") : null),
      el("td", { class: "test-charge" }, App.credits(s.testChargedMilli))));
    $("steps").replaceChildren(el("div", { class: "table-wrap" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "Round"), el("th", {}, "Status"), el("th", {}, "Model"),
        el("th", {}, "Model credits"), el("th", {}, "Tests"), el("th", {}, "Test credits"))),
      el("tbody", {}, rows))));
  }

  async function credits() {
    try {
      const h = await App.api("GET", "/api/v1/ledger/accounts/" + encodeURIComponent(me.ledgerAccount) + "/history?limit=1000");
      const mine = (h.entries || []).filter(e => e.reference === "job:" + id);
      job.costMilli = mine.reduce((sum, e) => sum + (e.from === me.ledgerAccount ? e.amountMilli : -e.amountMilli), 0);
    } catch (e) { job.costMilli = null; }
  }

  async function load() {
    try {
      job = await App.api("GET", "/api/v1/jobs/" + encodeURIComponent(id));
      if (job.status !== "queued" && job.status !== "running") await credits();
      summary();
      steps();
      subtasks();
    } catch (e) { App.showError($("msg"), e); }
  }

  async function cancel() {
    try { await App.api("POST", "/api/v1/jobs/" + encodeURIComponent(id) + "/cancel"); load(); }
    catch (e) { App.showError($("msg"), e); }
  }

  function onEvent(ev) {
    if (ev.jobId !== id || !job) return;
    if (ev.subtaskId) {
      const cell = document.querySelector('[data-subtask="' + CSS.escape(ev.subtaskId) + '"] .st');
      if (cell) cell.replaceChildren(App.status(ev.status), ev.worker ? el("div", { class: "muted" }, "on " + ev.worker) : null);
    } else {
      job.status = ev.status;
      $("job-status").replaceChildren(App.status(ev.status));
    }
    clearTimeout(refetch);
    refetch = setTimeout(load, 400);
  }

  const bus = new Bus((on) => { live.set(on); if (on) load(); });
  bus.register(Bus.userJobs(me.account), onEvent);
  load();
  App.ready();
})();
