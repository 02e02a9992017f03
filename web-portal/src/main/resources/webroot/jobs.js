"use strict";
(async function () {
  const me = await App.signedIn();
  App.nav("jobs.html");
  const files = $("files");
  let counter = 0;

  function addFile(path, content, test) {
    const n = ++counter;
    const row = el("div", { class: "file-row", "data-file": "" },
      el("div", { class: "row" },
        el("div", {}, el("label", { for: "path-" + n }, "Path"),
          el("input", { id: "path-" + n, type: "text", class: "path", value: path || "", required: true, maxlength: "300" })),
        el("div", {}, el("label", {}, el("input", { type: "checkbox", class: "is-test", checked: !!test }), " test file"))),
      el("label", { for: "content-" + n }, "Content"),
      el("textarea", { id: "content-" + n, class: "content", spellcheck: "false" }),
      el("button", { type: "button", class: "secondary", onclick: () => row.remove() }, "Remove file"));
    row.querySelector("textarea").value = content || "";
    files.append(row);
  }

  addFile("calc.py", "def add(a, b):\n    return a + b\n", false);
  addFile("test_calc.py", "import unittest\nfrom calc import add\n\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n", true);
  $("add-file").addEventListener("click", () => addFile("", "", false));
  $("upload").addEventListener("change", async (ev) => {
    for (const f of ev.target.files) {
      if (f.size > 2 * 1024 * 1024) { App.showError($("submit-msg"), f.name + " is larger than 2 MiB"); continue; }
      addFile(f.name, await f.text(), /^test_|\.test\.|Test\.java$/.test(f.name));
    }
    ev.target.value = "";
  });

  try {
    const price = await App.api("GET", "/api/v1/economy/price");
    $("estimate").textContent = "Current price: " + App.credits(price.priceMilli) + " credits per CPU-second (load "
      + Number(price.load).toFixed(2) + "). A job holds a budget when it is queued and is charged for the CPU time it used.";
  } catch (e) { $("estimate").textContent = "Price unavailable (" + e.message + ")"; }

  let pending = null;
  /** A random idempotency key (crypto.randomUUID needs a secure context; getRandomValues does not). */
  function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  $("submit").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { title: $("title").value, language: $("language").value, locality: $("locality").value,
      timeoutSeconds: Number($("timeout").value), restricted: $("restricted").checked, files: {}, tests: [] };
    for (const row of files.querySelectorAll("[data-file]")) {
      const path = row.querySelector(".path").value.trim();
      body.files[path] = row.querySelector(".content").value;
      if (row.querySelector(".is-test").checked) body.tests.push(path);
    }
    if (body.tests.length === 0) { App.showError($("submit-msg"), "Tick at least one test file."); return; }
    $("submit-button").disabled = true;
    // one key per job: pressing Submit again after a lost or 503 answer repeats the key, so the job is recorded once
    const sent = JSON.stringify(body);
    if (!pending || pending.body !== sent) pending = { body: sent, key: newKey() };
    try {
      const r = await App.api("POST", "/api/v1/jobs", body, { "Idempotency-Key": pending.key });
      pending = null;
      location.href = "/job.html?id=" + encodeURIComponent(r.id);
    } catch (e) {
      App.showError($("submit-msg"), e);
    } finally {
      $("submit-button").disabled = false;
    }
  });

  async function list() {
    const status = $("filter").value;
    const where = $("list");
    try {
      const r = await App.api("GET", "/api/v1/jobs?limit=50" + (status ? "&status=" + encodeURIComponent(status) : ""));
      const jobs = r.jobs || [];
      if (jobs.length === 0) {
        where.replaceChildren(el("p", { class: "empty" }, status ? "No " + status + " jobs." : "No jobs yet: submit one above."));
        return;
      }
      where.replaceChildren(el("div", { class: "table-wrap" }, el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}, "Title"), el("th", {}, "Status"), el("th", {}, "Language"), el("th", {}, "Created"))),
        el("tbody", {}, jobs.map(j => el("tr", {},
          el("td", {}, el("a", { href: "/job.html?id=" + encodeURIComponent(j.id) }, j.title || j.id)),
          el("td", {}, App.status(j.status)), el("td", {}, j.language), el("td", {}, App.time(j.createdAt))))))));
    } catch (e) { App.showError(where, e); }
  }
  $("filter").addEventListener("change", list);
  list();
  const bus = new Bus(() => {});
  bus.register(Bus.userJobs(me.account), (ev) => { if (!ev.subtaskId) list(); });
  App.ready();
})();
