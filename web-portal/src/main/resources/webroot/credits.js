"use strict";
(async function () {
  const me = await App.signedIn();
  App.nav("credits.html");
  const live = liveIndicator();
  $("live-slot").append(live.node);

  async function load() {
    try {
      const b = await App.api("GET", "/api/v1/ledger/balances?account=" + encodeURIComponent(me.ledgerAccount));
      $("balance").textContent = App.credits((b.balances || {})[me.ledgerAccount] || 0);
    } catch (e) { App.showError($("msg"), e); }
    try {
      const p = await App.api("GET", "/api/v1/economy/price");
      $("price").textContent = App.credits(p.priceMilli);
    } catch (e) { $("price").textContent = "—"; }
    try {
      const h = await App.api("GET", "/api/v1/ledger/accounts/" + encodeURIComponent(me.ledgerAccount) + "/history?limit=1000");
      const entries = (h.entries || []).slice().reverse();
      $("history").replaceChildren(entries.length === 0 ? el("p", { class: "empty" }, "No entries yet: your first job will show here.")
        : el("div", { class: "table-wrap" }, el("table", {},
          el("thead", {}, el("tr", {}, ["When", "Kind", "Amount", "Reference", "Proof"].map(t => el("th", {}, t)))),
          el("tbody", {}, entries.map(e => el("tr", {},
            el("td", {}, App.time(e.at)), el("td", {}, e.kind),
            el("td", {}, (e.from === me.ledgerAccount ? "−" : "+") + App.credits(e.amountMilli)),
            el("td", {}, e.reference || "—"),
            el("td", {}, el("a", { href: "/api/v1/ledger/proofs/inclusion?seq=" + e.seq }, "inclusion proof #" + e.seq))))))));
    } catch (e) { App.showError($("history"), e); }
  }
  let timer = null;
  const bus = new Bus((on) => { live.set(on); if (on) load(); });
  bus.register(Bus.userJobs(me.account), (ev) => {
    if (!ev.subtaskId) { clearTimeout(timer); timer = setTimeout(load, 500); }
  });
  load();
})();
