import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A hash of the sources (`src/`, tests left out), taken once per process. It goes into every
 * page's ETag: a deploy that changes a template changes every ETag, so no browser keeps a page
 * of the old code, while app servers running the same code agree on the same tags. Settings
 * from the environment (`SHINCHOKU_LICENCE`) are left out, secrets may live there too: a page
 * that shows one changes its ETag with the next data revision.
 */
export const CODE_FINGERPRINT = fingerprint(SRC);

function fingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles(root).sort()) {
    hash.update(relative(root, file));
    hash.update("\0");
    hash.update(readFileSync(file));
  }
  return hash.digest("base64url").slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".test.ts") ? [] : [path];
  });
}
