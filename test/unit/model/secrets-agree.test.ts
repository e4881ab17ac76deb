/**
 * One decision per flag about secrecy (sdk/src/model/flags.ts), and every layer follows it: the
 * emulator masks exactly the model's secret flags on read, the client redacts exactly those keys
 * in messages and masks them again on parse, and nothing else. Fails when any copy drifts.
 */
import { FLAG_KEYS, SECRET_FLAG_KEYS } from "../../../sdk/src/model/flags";
import { SECRET_MASK } from "../../../sdk/src/model/secretMask";
import { maskConfigurations } from "../../../sdk/src/emulator/store/store";
import { redact, REDACTED } from "../../../sdk/src/client/redact";
import { connectorSchema } from "../../../sdk/src/client/wire/connector";

/** A configuration with a distinct, harmless value for every flag of the table. */
const everyFlag = Object.fromEntries(FLAG_KEYS.map((k, i) => [k, `value-${i}-of-${k}`]));
const sorted = (keys: Iterable<string>) => [...keys].sort();

it("the model has secret flags, and lpAccessToken is one of them (decided once)", () => {
  expect(SECRET_FLAG_KEYS).toEqual(expect.arrayContaining(["lpPassword", "lpAppSecret", "lpAccessToken", "lpAccessTokenSecret"]));
  expect(SECRET_FLAG_KEYS).not.toContain("lpAppKey");
});

it("the emulator masks exactly the model's secret flags", () => {
  const masked = maskConfigurations(everyFlag);
  expect(sorted(Object.keys(masked).filter((k) => masked[k] === SECRET_MASK))).toEqual(sorted(SECRET_FLAG_KEYS));
});

it("the client redacts exactly the model's secret flags in a message", () => {
  const message = redact(JSON.stringify(everyFlag));
  const parsed = JSON.parse(message) as Record<string, string>;
  expect(sorted(Object.keys(parsed).filter((k) => parsed[k] === REDACTED))).toEqual(sorted(SECRET_FLAG_KEYS));
});

it("the client's connector parse masks exactly the model's secret flags", () => {
  const c = connectorSchema.parse({
    lpAccountId: "1",
    lpAccountUser: "u",
    lpUserId: "2",
    botId: "b",
    type: "messaging",
    deploymentEnvironment: "STAGING",
    configurations: everyFlag,
  });
  expect(sorted(Object.keys(c.configurations).filter((k) => c.configurations[k] === SECRET_MASK))).toEqual(sorted(SECRET_FLAG_KEYS));
});
