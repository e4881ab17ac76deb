"use strict";
/**
 * API calls by route (the emulator's counters), split into session set-up, status polls, reads and
 * writes. Session: Domain API look-ups, the login and the Conversation Builder token exchange (once
 * per provider process, whatever the scale). Status polls: reads of a bot's connector status while
 * waiting for Stopped or Connected — how many depends on how long LivePerson takes, not on the
 * package, so they are counted apart from the reads of objects (issue #18).
 */
function classify(counters) {
  const out = { session: 0, polls: 0, reads: 0, writes: 0, byRoute: counters };
  for (const [key, n] of Object.entries(counters)) {
    const [method, route] = key.split(" ");
    const isSession =
      route.includes("/service/") ||
      route.includes("baseURI") ||
      /\/(login|refresh|logout)$/.test(route) ||
      route.startsWith("/sentinel/") ||
      route.startsWith("/le-auth/");
    if (isSession) out.session += n;
    else if (method === "GET" && route.includes("/status-v2/")) out.polls += n;
    else if (method === "GET") out.reads += n;
    else out.writes += n;
  }
  return out;
}

module.exports = { classify };
