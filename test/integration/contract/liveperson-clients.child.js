// Runs LivePerson's own published npm clients, unmodified, against the emulator over https, in a
// process of its own so that they trust the emulator's CA the way a user's process would:
// NODE_EXTRA_CA_CERTS (they build their https requests themselves and take no CA option).
//
// Input (env LP_CONTRACT, JSON): { accountId, host, httpHost, admin:{username,password},
//   apiUser:{username, appKey, secret, accessToken, accessTokenSecret}, oauthClient:{clientId, clientSecret} }
// Output: one JSON line on stdout with what each client got.
"use strict";
const http = require("node:http");
const https = require("node:https");
const net = require("node:net");

const cfg = JSON.parse(process.env.LP_CONTRACT);

// liveperson-functions-client hard-codes its Domain API as http://adminlogin.liveperson.net (port 80).
// Stand in for DNS and a port forward: connections to that host go to the emulator's plain-http
// listener. The client's own code is untouched.
const [fwdHost, fwdPort] = [
  cfg.httpHost.slice(0, cfg.httpHost.lastIndexOf(":")),
  Number(cfg.httpHost.slice(cfg.httpHost.lastIndexOf(":") + 1)),
];
const createConnection = http.globalAgent.createConnection;
http.globalAgent.createConnection = function (options, cb) {
  if (options.host === "adminlogin.liveperson.net" && Number(options.port || 80) === 80) {
    return net.createConnection({ ...options, host: fwdHost, port: fwdPort }, cb);
  }
  return createConnection.call(this, options, cb);
};

function getJson(url, headers) {
  return new Promise((resolve, reject) => {
    https
      .get(url, { headers }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode, body: body ? JSON.parse(body) : undefined }));
      })
      .on("error", reject);
  });
}

/** node-agent-sdk's Agent: CSDS over https, login, then a session refresh after `refreshMs`. */
function agentSdk(conf, refreshMs) {
  const { Agent } = require("node-agent-sdk");
  return new Promise((resolve) => {
    const errors = [];
    const agent = new Agent({ ...conf, accountId: cfg.accountId, csdsDomain: cfg.host, refreshSessionInterval: refreshMs });
    agent.on("error", (e) => errors.push(String((e && e.message) || e)));
    // Login and one refresh happen within refreshMs plus a little; the messaging WebSocket (UMS) is
    // not served by the emulator, so its errors are expected and reported, not fatal.
    setTimeout(
      () => {
        const out = {
          userId: agent.userId,
          agentId: agent.agentId,
          hasBearer: typeof agent.token === "string" && agent.token.length > 0,
          hasCsrf: typeof agent.csrf === "string" && agent.csrf.length > 0,
          errors: errors.filter((m) => !/socket|websocket|ECONNRESET|Unexpected server response|hang up/i.test(m)),
        };
        agent.dispose();
        resolve(out);
      },
      refreshMs * 2 + 1500,
    );
  });
}

async function functionsClient() {
  const { CsdsClient } = require("liveperson-functions-client/build/src/helper/csdsClient");
  const { AppJwtAuthentication } = require("liveperson-functions-client/build/src/helper/appJwtAuthentication");
  const { decode } = require("jsonwebtoken");
  const csds = new CsdsClient();
  const sentinel = await csds.get(cfg.accountId, "sentinel");
  const acRead = await csds.get(cfg.accountId, "accountConfigReadOnly");
  const auth = new AppJwtAuthentication({
    accountId: cfg.accountId,
    clientId: cfg.oauthClient.clientId,
    clientSecret: cfg.oauthClient.clientSecret,
    getCsdsEntry: (a, s) => csds.get(a, s),
  });
  const header = await auth.getHeader();
  const token = header.replace(/^Bearer /, "");
  const { header: jwtHeader, payload } = decode(token, { complete: true });
  // The token works where LivePerson's APIs take it: Account Config over https.
  const skills = await getJson(`https://${acRead}/api/account/${cfg.accountId}/configuration/le-users/skills?v=2.0`, {
    authorization: header,
  });
  return { sentinel, jwtHeader, claims: payload, skillsStatus: skills.status };
}

(async () => {
  const out = {};
  out.password = await agentSdk({ username: cfg.admin.username, password: cfg.admin.password }, 400);
  out.appKey = await agentSdk(
    {
      username: cfg.apiUser.username,
      appKey: cfg.apiUser.appKey,
      secret: cfg.apiUser.secret,
      accessToken: cfg.apiUser.accessToken,
      accessTokenSecret: cfg.apiUser.accessTokenSecret,
    },
    400,
  );
  out.wrongPassword = await agentSdk({ username: cfg.admin.username, password: "not-the-password" }, 100);
  out.functions = await functionsClient();
  process.stdout.write(JSON.stringify(out) + "\n");
  process.exit(0);
})().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`);
  if (e && e.cause) process.stderr.write(`cause: ${(e.cause && e.cause.stack) || e.cause}\n`);
  process.exit(1);
});
