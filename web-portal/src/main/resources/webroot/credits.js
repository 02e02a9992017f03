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
  // Quotes are signed by the ledger and short-lived; an intent is made from a buy quote exactly as returned.
  const KEPT = "edgecoder.intents." + me.account;
  function keptIntents() { try { return JSON.parse(localStorage.getItem(KEPT) || "[]").slice(-20); } catch (e) { return []; } }
  async function intents() {
    const ids = keptIntents();
    if (ids.length === 0) { $("intents").replaceChildren(el("p", { class: "empty" }, "No payment intents yet.")); return; }
    const rows = await Promise.all(ids.slice().reverse().map(id => App.api("GET", "/api/v1/economy/intents/" + encodeURIComponent(id))
      .catch(e => ({ id, status: "unknown", instructions: e.message }))));
    $("intents").replaceChildren(el("div", { class: "table-wrap" }, el("table", {},
      el("thead", {}, el("tr", {}, ["Intent", "Credits", "Sats", "Status", "What to do"].map(t => el("th", {}, t)))),
      el("tbody", {}, rows.map(i => el("tr", { "data-intent": i.id }, el("td", {}, i.id), el("td", {}, App.credits(i.creditsMilli)),
        el("td", {}, i.sats === undefined ? "—" : String(i.sats)), el("td", {}, App.status(i.status)),
        el("td", {}, i.status === "settled" && i.mintSeq
          ? el("a", { href: "/api/v1/ledger/proofs/inclusion?seq=" + i.mintSeq }, "inclusion proof #" + i.mintSeq)
          : (i.instructions || "—"))))))));
  }
  $("quote-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const creditsMilli = Math.round(Number($("q-credits").value) * 1000);
    try {
      const q = await App.api("POST", "/api/v1/economy/quotes", { direction: $("q-direction").value, creditsMilli });
      $("quote-msg").replaceChildren();
      $("quote").replaceChildren(el("dl", { id: "quote-view" },
        el("dt", {}, "Quote"), el("dd", {}, q.direction + " " + App.credits(q.creditsMilli) + " credits for " + q.sats + " sats"),
        el("dt", {}, "Rate"), el("dd", {}, "1 BTC = " + q.usdPerBtc + " USD; 1 credit = " + (q.creditUsdMicro / 1e6) + " USD"),
        el("dt", {}, "Valid until"), el("dd", {}, App.time(q.expiresAt))),
        q.direction === "buy" ? el("button", { type: "button", id: "intent-button", onclick: () => intent(q) }, "Buy: create a payment intent")
          : el("p", { class: "muted" }, "Selling credits is paid out by the operator to your payout destination (Account page)."));
    } catch (e) { $("quote").replaceChildren(); App.showError($("quote-msg"), e); }
  });
  async function intent(quote) {
    try {
      const i = await App.api("POST", "/api/v1/economy/intents", { quote, provider: "manual" });
      localStorage.setItem(KEPT, JSON.stringify(keptIntents().filter(x => x !== i.id).concat([i.id])));
      $("quote").replaceChildren();
      App.notice($("quote-msg"), i.instructions || "Payment intent created.");
      intents();
    } catch (e) { App.showError($("quote-msg"), e); }
  }
  let timer = null;
  const bus = new Bus((on) => { live.set(on); if (on) load(); });
  bus.register(Bus.userJobs(me.account), (ev) => {
    if (!ev.subtaskId) { clearTimeout(timer); timer = setTimeout(load, 500); }
  });
  load();
  intents();
  App.ready();
})();
