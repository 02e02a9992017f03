// Shared by every page: DOM helpers, the JSON API with the session's CSRF token, the navigation,
// and Bus: the event-bus bridge client (raw websocket transport of /eventbus), reconnecting.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function $(id) { return document.getElementById(id); }

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ("HTTP " + status));
    this.status = status;
    this.body = body;
  }
}

const App = {
  me: null,

  async api(method, path, body, extraHeaders) {
    const headers = Object.assign({ "Accept": "application/json" }, extraHeaders || {});
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && App.me && App.me.csrfToken) headers["X-CSRF-Token"] = App.me.csrfToken;
    const r = await fetch(path, { method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { message: text }; }
    if (!r.ok) throw new ApiError(r.status, json);
    return json;
  },

  /** The signed-in caller, or a redirect to the sign-in page. */
  async signedIn() {
    try {
      App.me = await App.api("GET", "/api/v1/me");
      return App.me;
    } catch (e) {
      if (e.status === 401) {
        location.replace("/?next=" + encodeURIComponent(location.pathname + location.search));
        return new Promise(() => {});
      }
      throw e;
    }
  },

  isOperator(me) {
    return !!me && (me.admin || (me.roles || []).includes("coordinator-owner") || (me.roles || []).includes("system-admin"));
  },

  nav(current) {
    const me = App.me;
    const links = [["jobs.html", "Jobs"], ["credits.html", "Credits"], ["account.html", "Account"]];
    if (App.isOperator(me)) links.push(["nodes.html", "Nodes"], ["dashboard.html", "Dashboard"]);
    const header = el("header", {},
      el("a", { href: "/jobs.html", class: "brand" }, "EdgeCoder"),
      el("nav", { "aria-label": "Main" }, links.map(([href, name]) =>
        el("a", { href: "/" + href, "aria-current": href === current ? "page" : null }, name))),
      el("span", { class: "who" }, me ? (me.email || me.account) : ""),
      el("button", { class: "secondary", type: "button", onclick: App.signOut }, "Sign out"));
    document.body.prepend(header);
  },

  async signOut() {
    try { await App.api("DELETE", "/api/v1/sessions"); } catch (e) { /* signed out either way */ }
    location.href = "/";
  },

  showError(where, e) {
    where.replaceChildren(el("div", { class: "error", role: "alert" }, e instanceof Error ? e.message : String(e)));
  },

  notice(where, text) {
    where.replaceChildren(el("div", { class: "notice", role: "status" }, text));
  },

  time(iso) { return iso ? new Date(iso).toLocaleString() : "—"; },

  credits(milli) { return milli === null || milli === undefined ? "—" : (milli / 1000).toFixed(3); },

  status(s) { return el("span", { class: "status " + s }, s); },

  /** Marks the page as set up (its handlers are on): tests and assistive tools may act from now on. */
  ready() { document.body.dataset.ready = "true"; }
};

// Every form here is sent by its page's script: a submit before the script is ready does nothing
// rather than fall back to a native GET that would put the fields (a password) in the address.
document.addEventListener("submit", (ev) => ev.preventDefault(), true);

/**
 * The event-bus bridge, as the Vert.x SockJS bridge speaks it over its raw websocket transport:
 * register frames out, "rec" frames in, a ping every 10 s. Reconnects with back-off after the
 * portal restarts and registers every address again; onState(true|false) tells the page.
 */
class Bus {
  constructor(onState) {
    this.handlers = new Map();
    this.onState = onState || (() => {});
    this.delay = 500;
    this.open();
  }

  open() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + location.host + "/eventbus/websocket");
    // The bridge's raw websocket transport writes every frame as a binary message (UTF-8 JSON).
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => {
      this.delay = 500;
      for (const address of this.handlers.keys()) this.frame({ type: "register", address, headers: {} });
      this.ping = setInterval(() => this.frame({ type: "ping" }), 10000);
      this.onState(true);
    };
    ws.onmessage = (m) => {
      let f;
      try { f = JSON.parse(typeof m.data === "string" ? m.data : Bus.decoder.decode(m.data)); }
      catch (e) { console.warn("event bus: unreadable frame", e); return; }
      if (f.type === "rec" && this.handlers.has(f.address)) this.handlers.get(f.address).forEach(h => h(f.body));
      else if (f.type === "err") console.warn("event bus refused:", f.body);
    };
    let opened = false;
    ws.addEventListener("open", () => { opened = true; });
    ws.onclose = () => {
      clearInterval(this.ping);
      // Refused (the session ended, e.g. signed out in another tab): back to the sign-in page.
      if (!opened) App.api("GET", "/api/v1/me").catch(e => { if (e.status === 401) location.replace("/"); });
      this.onState(false);
      setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
    };
  }

  frame(f) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(f));
  }

  register(address, handler) {
    if (!this.handlers.has(address)) {
      this.handlers.set(address, []);
      this.frame({ type: "register", address, headers: {} });
    }
    this.handlers.get(address).push(handler);
  }

  static userJobs(account) { return "edgecoder.portal.browser.user." + account + ".jobs"; }
}
Bus.DASHBOARD = "edgecoder.portal.browser.dashboard";
Bus.decoder = new TextDecoder("utf-8");

function liveIndicator() {
  const span = el("span", { class: "live off", role: "status", "aria-live": "polite", id: "live" }, "connecting…");
  return { node: span, set(on) { span.className = "live " + (on ? "on" : "off"); span.textContent = on ? "live" : "reconnecting…"; } };
}
