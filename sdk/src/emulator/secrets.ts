// Secrets the emulator only ever compares (user passwords, OAuth client secrets, secret connector
// flags) are kept as keyed digests, never in plaintext: the state file in a data dir holds no
// password. The key is per account and lives in the state (it protects against casual reading of
// the file, e.g. a committed .liveengage directory, not against its owner). App-key secrets stay
// in plaintext because verifying an OAuth 1.0 signature needs them.
import { createHmac, randomBytes, timingSafeEqual } from "crypto";

const PREFIX = "hmac-sha256:";

export function newSecretKey(): string {
  return randomBytes(32).toString("hex");
}

export function digest(owner: { secretKey: string }, value: string): string {
  return PREFIX + createHmac("sha256", owner.secretKey).update(value, "utf8").digest("hex");
}

export function isDigest(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function sameDigest(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
