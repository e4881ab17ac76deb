// Transcript sanitizing and comparison (liveengage doctor --record): values never kept, differences named.
import {
  diffTranscripts,
  mergeShapes,
  pathTemplate,
  shapeOf,
  TRANSCRIPT_FORMAT,
  type Transcript,
} from "../../../sdk/src/cli/doctor-transcript";

it("shapes keep types only; arrays merge their elements", () => {
  expect(shapeOf({ bearer: "abc", n: 1, ok: true, none: null, list: [{ a: "x" }, { b: 2 }], empty: [] })).toEqual({
    bearer: "string",
    empty: [],
    list: [{ a: "string", b: "number" }],
    n: "number",
    none: "null",
    ok: "boolean",
  });
  expect(mergeShapes("string", "number")).toBe("number|string");
});

it("path templates hide the account, ids and bot ids", () => {
  expect(pathTemplate("/api/account/12345678/configuration/le-users/users/3000000001", "12345678")).toBe(
    "/api/account/{account}/configuration/le-users/users/{id}",
  );
  expect(pathTemplate("/sysadmin/nodejs/instance/status-v2/my-bot", "1")).toBe("/sysadmin/nodejs/instance/status-v2/{botId}");
  expect(pathTemplate("/x/0f8fad5b-d9cb-469f-a165-70867728950e", "1")).toBe("/x/{id}");
});

it("diff names every kind of difference, and none for equal transcripts", () => {
  const t = (over: Partial<Transcript["exchanges"][number]> = {}): Transcript => ({
    format: TRANSCRIPT_FORMAT,
    exchanges: [
      { check: "c", method: "GET", path: "/p", query: ["v"], status: 200, headers: ["ac-revision"], body: { a: "string" }, ...over },
    ],
  });
  expect(diffTranscripts(t(), t())).toEqual([]);
  expect(diffTranscripts(t(), t({ status: 404, headers: [], query: [], body: { b: "number" } }))).toEqual([
    "GET /p: status 200 recorded, 404 in the replay",
    "GET /p: header(s) ac-revision recorded, missing in the replay",
    "GET /p: query v recorded, none in the replay",
    "GET /p: body.a: missing (expected string)",
    "GET /p: body.b: not expected (got number)",
  ]);
  expect(diffTranscripts(t(), t({ path: "/q" }))).toEqual([
    "GET /p: recorded, but not requested in the replay",
    "GET /q: requested in the replay, not recorded",
  ]);
});
