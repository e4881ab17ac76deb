// The Deploy page: renders the snapshots `liveengage dashboard` pushes over server-sent events.
// Plain DOM, no framework; every API-provided string goes in through textContent, never as HTML.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const TABLE_ROWS = 100;

  /** h("p", { class: "x" }, "text", node, [more]) — children: strings, nodes, arrays; null skipped. */
  function h(tag, attrs, ...children) {
    const el = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
    return el;
  }
  /** Troubleshooting text is Markdown-light: `code` spans only. */
  const richText = (text) => text.split(/`([^`]*)`/).map((part, i) => (i % 2 ? h("code", {}, part) : part));
  const slug = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, "_");
  const time = (ms) => new Date(ms).toLocaleTimeString("en-GB", { hour12: false });
  const dateTime = (ms) => new Date(ms).toLocaleString("en-GB", { hour12: false });
  const statusClass = (s) => `status status-${s.toLowerCase().replace(/\s+/g, "-")}`;
  const connectedOf = (bot) => bot.agents.filter((a) => a.status === "Connected").length;

  function statusBadge(status) {
    return h("span", { class: statusClass(status) }, status);
  }

  function sinceCell(iso) {
    if (!iso) return h("td", {}, "—");
    const ms = Date.parse(iso);
    const today = new Date(ms).toDateString() === new Date().toDateString();
    return h("td", {}, h("time", { datetime: iso, title: dateTime(ms) }, today ? time(ms) : dateTime(ms)));
  }

  function failingCell(agent) {
    if (agent.failing.length === 0) return h("td", {}, h("span", { "aria-label": "none" }, "—"));
    return h(
      "td",
      {},
      h(
        "ul",
        { class: "failing" },
        agent.failing.map((f) =>
          h(
            "li",
            {},
            h("code", {}, f.component),
            `: ${f.reason}`,
            h("p", { class: "fix" }, h("strong", {}, "Fix: "), f.fix ? richText(f.fix) : "see the README's troubleshooting section"),
          ),
        ),
      ),
    );
  }

  function agentsTable(bot) {
    const headers = ["Agent", "User ID", "Environment", "Type", "Status", "Since", "Failing components and fixes"];
    return h(
      "div",
      { class: "scroll", tabindex: 0, id: `scroll-agents-${slug(bot.id)}`, role: "region", "aria-label": `Agents of ${bot.name}` },
      h(
        "table",
        {},
        h("caption", {}, `Agents of ${bot.name}`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            headers.map((t) => h("th", { scope: "col" }, t)),
          ),
        ),
        h(
          "tbody",
          {},
          bot.agents.map((a) =>
            h(
              "tr",
              { "data-agent": a.agent },
              h("th", { scope: "row" }, a.agent),
              h("td", {}, a.userId),
              h("td", {}, a.environment),
              h("td", {}, a.type),
              h("td", { "data-status": a.status }, statusBadge(a.status)),
              sinceCell(a.since),
              failingCell(a),
            ),
          ),
        ),
      ),
    );
  }

  /** The value most agents have; a cell that differs from it is highlighted. */
  function majority(values) {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  }

  function driftBlock(bot) {
    const id = `drift-${slug(bot.id)}`;
    const heading = h("h3", { id }, "Flags that differ between agents");
    const { agents, drift } = bot.drift;
    if (drift.length === 0) {
      return [heading, h("p", { "data-drift": "none" }, `None: the ${agents.length} agents share one configuration.`)];
    }
    const show = (v) => (v === undefined || v === null ? "(unset)" : String(v));
    return [
      heading,
      h("p", {}, `${drift.length} flag${drift.length === 1 ? "" : "s"} differ; the highlighted values differ from most agents.`),
      h(
        "div",
        { class: "scroll", tabindex: 0, id: `scroll-${id}`, role: "region", "aria-labelledby": id },
        h(
          "table",
          { "data-drift": "flags" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Flag"),
              agents.map((a) => h("th", { scope: "col" }, a)),
            ),
          ),
          h(
            "tbody",
            {},
            drift.map((d) => {
              const values = agents.map((a) => show(d.values[a]));
              const common = majority(values);
              return h(
                "tr",
                { "data-flag": d.flag },
                h("th", { scope: "row" }, h("code", {}, d.flag)),
                values.map((v) => h("td", {}, v === common ? v : h("mark", {}, v, h("span", { class: "visually-hidden" }, " (differs)")))),
              );
            }),
          ),
        ),
      ),
    ];
  }

  /** Summary of a timeline up to `t1`: a text alternative for the chart. */
  function timelineSummary(points, t1) {
    const last = points[points.length - 1];
    const low = points.reduce((m, p) => (p.connected < m.connected ? p : m), points[0]);
    return (
      `From ${time(points[0].at)} to ${time(t1)}: now ${last.connected} of ${last.total} agents Connected; ` +
      `lowest ${low.connected} of ${low.total} at ${time(low.at)}; ${points.length} change${points.length === 1 ? "" : "s"} recorded.`
    );
  }

  /** A step chart of Connected (and deployed) agents from the first reading to `nowMs`. */
  function chartFigure(bot, nowMs) {
    const id = slug(bot.id);
    const points = bot.timeline;
    const W = 600,
      H = 170,
      L = 34,
      R = 10,
      T = 10,
      B = 26;
    const t0 = points[0].at,
      t1 = Math.max(nowMs, points[points.length - 1].at, t0 + 1000);
    const yMax = Math.max(1, ...points.map((p) => p.total));
    const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
    const y = (n) => T + (1 - n / yMax) * (H - T - B);
    const step = (key) =>
      points.map((p, i) => (i ? "H" : "M") + x(p.at).toFixed(1) + (i ? " V" : " ") + y(p[key]).toFixed(1)).join(" ") +
      ` H${x(t1).toFixed(1)}`;
    const summary = timelineSummary(points, t1);
    const grid = [];
    for (let n = 0; n <= yMax; n++) {
      grid.push(
        h("svg:line", { class: "grid", x1: L, x2: W - R, y1: y(n), y2: y(n) }),
        h("svg:text", { class: "axis-label", x: L - 6, y: y(n) + 4, "text-anchor": "end" }, n),
      );
    }
    return h(
      "figure",
      { id: `chart-fig-${id}`, "aria-labelledby": `chart-h-${id}` },
      h(
        "svg:svg",
        { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `chart-t-${id} chart-d-${id}` },
        h("svg:title", { id: `chart-t-${id}` }, `Connected agents of ${bot.name} over time`),
        h("svg:desc", { id: `chart-d-${id}` }, summary),
        grid,
        h("svg:text", { class: "axis-label", x: L, y: H - 6 }, time(t0)),
        h("svg:text", { class: "axis-label", x: W - R, y: H - 6, "text-anchor": "end" }, time(t1)),
        h("svg:path", { class: "total", d: step("total") }),
        h("svg:path", { class: "connected", d: step("connected") }),
      ),
      h("figcaption", { class: "legend" }, h("span", { class: "key-connected" }, "━ Connected"), " · ╌ agents deployed. ", summary),
    );
  }

  /** The chart, with its data as a table (the full text alternative), kept open across updates. */
  function chartBlock(bot, nowMs) {
    const id = slug(bot.id);
    const points = bot.timeline;
    const heading = h("h3", { id: `chart-h-${id}` }, "Connected agents over time");
    if (points.length === 0) return [heading, h("p", {}, "No reading yet.")];
    const rows = points.slice(-TABLE_ROWS);
    const open = document.getElementById(`chart-data-${id}`)?.open;
    return [
      heading,
      chartFigure(bot, nowMs),
      h(
        "details",
        { id: `chart-data-${id}`, open },
        h("summary", { id: `chart-data-s-${id}` }, "Chart data as a table"),
        h(
          "table",
          { "data-timeline": bot.id },
          h("caption", {}, rows.length < points.length ? `The last ${rows.length} of ${points.length} changes` : "Every change seen"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Time", "Connected", "Agents deployed"].map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          h(
            "tbody",
            {},
            rows.map((p) =>
              h(
                "tr",
                { "data-at": p.at, "data-connected": p.connected, "data-total": p.total },
                h("td", {}, h("time", { datetime: new Date(p.at).toISOString() }, time(p.at))),
                h("td", {}, p.connected),
                h("td", {}, p.total),
              ),
            ),
          ),
        ),
      ),
    ];
  }

  function botSection(bot, nowMs) {
    const id = slug(bot.id);
    const total = bot.agents.length;
    return h(
      "section",
      { class: "bot", id: `bot-${id}`, "aria-labelledby": `bot-h-${id}`, "data-bot": bot.id },
      h("h2", { id: `bot-h-${id}` }, bot.name),
      h(
        "p",
        { class: "summary" },
        total === 0 ? "No agents deployed." : `${connectedOf(bot)} of ${total} agents Connected · bot id `,
        total ? h("code", {}, bot.id) : null,
      ),
      total ? [agentsTable(bot), driftBlock(bot), chartBlock(bot, nowMs)] : null,
    );
  }

  // ---- live updates ------------------------------------------------------------------------------

  const rendered = new Map(); // bot id → JSON of what its section shows
  let previous; // the last snapshot, for announcements
  let renderedIndex; // JSON of the bot index in the nav

  /** Replaces a section without losing the keyboard focus inside it. */
  function replaceKeepingFocus(old, next) {
    const focusedId = old && old.contains(document.activeElement) ? document.activeElement.id : undefined;
    if (old) old.replaceWith(next);
    else $("main").append(next);
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  function announce(snap) {
    if (!previous) return;
    const before = new Map(previous.bots.flatMap((b) => b.agents.map((a) => [`${b.id}/${a.userId}`, a.status])));
    const news = [];
    for (const b of snap.bots) {
      for (const a of b.agents) {
        const was = before.get(`${b.id}/${a.userId}`);
        if (was !== undefined && was !== a.status) {
          news.push(`${a.agent} of ${b.name}: ${a.status}${a.failing.length ? ` (${a.failing.map((f) => f.component).join(", ")})` : ""}`);
        }
      }
      const prevBot = previous.bots.find((p) => p.id === b.id);
      const prevFlags = new Set(prevBot ? prevBot.drift.drift.map((d) => d.flag) : []);
      const newFlags = b.drift.drift.map((d) => d.flag).filter((f) => !prevFlags.has(f));
      if (newFlags.length) news.push(`${b.name}: agents now differ in ${newFlags.join(", ")}`);
    }
    if (news.length) $("announcer").textContent = `${news.join(". ")}.`;
  }

  function render(snap) {
    const agents = snap.bots.flatMap((b) => b.agents);
    const connected = agents.filter((a) => a.status === "Connected").length;
    $("account").textContent = snap.readAt
      ? `Account ${snap.accountId}: ${snap.bots.length} bot${snap.bots.length === 1 ? "" : "s"}, ${connected} of ${agents.length} agents Connected.`
      : `Account ${snap.accountId}: waiting for the first reading…`;
    const fresh = $("freshness");
    fresh.className = snap.error ? "error" : "";
    fresh.textContent = snap.error
      ? `Could not read the account at ${time(Date.parse(snap.error.at))}: ${snap.error.message}. Next try at ${time(Date.parse(snap.error.retryAt))}` +
        (snap.readAt ? `; showing the reading of ${time(Date.parse(snap.readAt))}.` : ".")
      : snap.readAt
        ? `Live: read at ${time(Date.parse(snap.readAt))}, every ${snap.pollIntervalMs / 1000} s.`
        : "";

    const nowMs = snap.readAt ? Date.parse(snap.readAt) : Date.now();
    const ids = new Set(snap.bots.map((b) => b.id));
    for (const [id] of rendered) {
      if (!ids.has(id)) {
        document.getElementById(`bot-${slug(id)}`)?.remove();
        rendered.delete(id);
      }
    }
    for (const bot of snap.bots) {
      const key = JSON.stringify(bot);
      if (rendered.get(bot.id) !== key) {
        replaceKeepingFocus(document.getElementById(`bot-${slug(bot.id)}`), botSection(bot, nowMs));
        rendered.set(bot.id, key);
      } else if (bot.timeline.length) {
        // Nothing changed but time: only the chart (never focusable) is redrawn, to run up to now.
        document.getElementById(`chart-fig-${slug(bot.id)}`)?.replaceWith(chartFigure(bot, nowMs));
      }
    }
    // Keep sections in the account's order; moving a node would drop the focus inside it, so only when out of place.
    let expected = $("main").firstElementChild;
    for (const bot of snap.bots) {
      const section = document.getElementById(`bot-${slug(bot.id)}`);
      if (section !== expected) $("main").insertBefore(section, expected);
      expected = section.nextElementSibling;
    }
    const index = snap.bots.map((b) => [b.id, b.name, b.agents.length ? `${connectedOf(b)}/${b.agents.length}` : "no agents"]);
    if (JSON.stringify(index) !== renderedIndex) {
      $("bot-index").replaceChildren(
        ...index.map(([id, name, count]) => h("li", {}, h("a", { href: `#bot-${slug(id)}` }, name), ` ${count}`)),
      );
      renderedIndex = JSON.stringify(index);
    }
    announce(snap);
    previous = snap;
  }

  function connect() {
    const events = new EventSource("api/events");
    events.onmessage = (e) => render(JSON.parse(e.data));
    events.onerror = () => {
      const fresh = $("freshness");
      fresh.className = "error";
      fresh.textContent = "Lost the connection to liveengage dashboard; reconnecting…";
    };
  }
  connect();
})();
