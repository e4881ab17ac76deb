/**
 * What a connector's webhook URL may be — plain functions, no schema library, so that a program
 * checking a BotDeployment's arguments does not load zod for them (issue #18: zod is most of what
 * loading the package costs a program).
 */

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a URL carries userinfo (`user:password@`); false for what is not a URL at all. */
export function hasUrlCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}

/** https, or http on a loopback host (the local emulator) — the same rule as the client. */
export function isAllowedWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname));
}
