"use strict";
/** API calls by route (the emulator's counters), split into session set-up, reads and writes. */
function classify(counters) {
  const out = { session: 0, reads: 0, writes: 0, byRoute: counters };
  for (const [key, n] of Object.entries(counters)) {
    const [method, route] = key.split(" ");
    const isSession = route.includes("/service/") || route.includes("baseURI") || /\/(login|refresh|logout)$/.test(route)
      || route.startsWith("/sentinel/") || route.startsWith("/le-auth/");
    if (isSession) out.session += n;
    else if (method === "GET") out.reads += n;
    else out.writes += n;
  }
  return out;
}

module.exports = { classify };
