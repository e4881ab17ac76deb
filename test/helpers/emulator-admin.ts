/** Calls the emulator's /_emulator endpoints (no auth, no API side effects). */
import { Agent, request } from "undici";

export type AdminCall = <T = unknown>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) => Promise<T>;

/** `caCert`: the emulator's CA when it serves https (its `caCert`). */
export function emulatorAdmin(baseUrl: string, caCert?: string): AdminCall {
  const dispatcher = caCert ? new Agent({ connect: { ca: caCert } }) : undefined;
  return async <T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> => {
    const res = await request(`${baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
    });
    const text = await res.body.text();
    if (res.statusCode >= 400) throw new Error(`admin ${method} ${path}: ${res.statusCode} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
