import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { recordSkip } from "./skip-log.ts";

/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launch headless Chromium, or return null (and record the skip) when it is not installed.
 * @example const browser = await launchBrowser("public page"); if (!browser) return;
 */
export async function launchBrowser(what: string): Promise<Browser | null> {
  if (!existsSync(CHROMIUM)) {
    recordSkip(
      what,
      `Chromium がありません（${CHROMIUM}; apt-get install chromium fonts-ipaexfont）`,
    );
    return null;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Whether the browser tests should (re)write the README's screenshots. */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1";
