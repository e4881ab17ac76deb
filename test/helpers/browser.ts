/**
 * A real browser for page tests: Debian's `chromium`, driven by playwright-core (which never
 * downloads a browser of its own). A missing chromium skips locally and fails under CI=true.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { describeRequiring } from "./requires";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function describeWithBrowser(name: string, body: () => void): void {
  const missing = existsSync(CHROMIUM)
    ? undefined
    : `no browser at ${CHROMIUM}; install it with: apt-get update && apt-get install -y chromium`;
  describeRequiring({ missing }, name, body);
}

export interface TestBrowser {
  page: Page;
  /** Every console error and uncaught page error seen so far (a CSP violation shows up here). */
  errors: string[];
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile, nothing fetched in the background. */
export async function launchBrowser(viewport = { width: 1100, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), "le-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return {
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until a page expression is truthy. Polled from here through the DevTools protocol, because
 * Playwright's waitForFunction evaluates strings with eval() in the page, which a strict CSP refuses.
 */
export async function waitForExpression(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page. Evaluated through the DevTools protocol, so the page's strict CSP
 * (no inline or foreign scripts) stays on while the engine runs.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  // A string, not a function: the tests are typed for Node, not the DOM.
  return page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  })))`);
}
