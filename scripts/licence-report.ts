/**
 * The licence report: every production dependency the lockfile installs (its `packages` entries
 * without `dev: true`), with the licence its own package.json declares in node_modules (or the
 * first line of its LICENSE file when it declares none), written to docs/licences.md. Fails when
 * a licence is not on the allow-list below: licences that let the whole be distributed under
 * our MIT licence. Run by test/licence-report.test.ts; after a dependency change, run
 * `npm run licences` and commit docs/licences.md.
 *
 * Packages the lockfile lists for other platforms (esbuild's binaries, fsevents) are not
 * installed here: their licence is taken from the lockfile, so the report is the same on every
 * machine.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** SPDX identifiers compatible with distributing the whole under MIT. */
export const ALLOWED_LICENCES: ReadonlySet<string> = new Set([
  "MIT",
  "ISC",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
  "0BSD",
  "MIT-0", // nodemailer: MIT without the attribution condition
  "OFL-1.1", // fonts (BIZ UDPGothic), embedded in the PDF export
  "CC0-1.0",
  "BlueOak-1.0.0",
  "Python-2.0",
  "Unlicense",
]);

/** First lines of LICENSE files, for packages whose package.json names no licence. */
const LICENCE_FILE_FIRST_LINES: ReadonlyArray<[RegExp, string]> = [
  [/^(the )?mit license/iu, "MIT"],
  [/^(the )?isc license/iu, "ISC"],
  [/^apache license/iu, "Apache-2.0"],
  [/^bsd 2-clause/iu, "BSD-2-Clause"],
  [/^bsd 3-clause/iu, "BSD-3-Clause"],
  [/^blue ?oak model license/iu, "BlueOak-1.0.0"],
  [/^this is free and unencumbered software/iu, "Unlicense"],
];

export interface LicenceEntry {
  name: string;
  version: string;
  licence: string;
  /** Where the licence was read. */
  source: "package.json" | "LICENSE" | "package-lock.json" | "none";
}

export interface LicenceReport {
  entries: LicenceEntry[];
  /** Packages whose licence is not allowed (or not found), as "name@version: licence". */
  problems: string[];
  markdown: string;
}

/**
 * Whether an SPDX expression is allowed: an identifier on the list, `A OR B` when either is,
 * `A AND B` when both are, with parentheses. Anything else (`SEE LICENSE IN …`, `UNLICENSED`,
 * `WITH` exceptions, unknown identifiers) is not.
 */
export function allowedLicence(expression: string): boolean {
  const tokens = expression.match(/\(|\)|[^\s()]+/gu) ?? [];
  let at = 0;
  const primary = (): boolean => {
    const token = tokens[at++];
    if (token === "(") {
      const inner = or();
      if (tokens[at++] !== ")") throw new Error("unbalanced");
      return inner;
    }
    if (token === undefined || ["AND", "OR", "WITH", ")"].includes(token))
      throw new Error("syntax");
    return ALLOWED_LICENCES.has(token);
  };
  const and = (): boolean => {
    let value = primary();
    while (tokens[at] === "AND") {
      at += 1;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (tokens[at] === "OR") {
      at += 1;
      value = and() || value;
    }
    return value;
  };
  try {
    const value = or();
    return at === tokens.length && value;
  } catch {
    return false;
  }
}

type LockEntry = { version?: string; dev?: boolean; license?: string; link?: boolean };

/** The report for the project in `root` (package-lock.json and node_modules). */
export function licenceReport(root: string): LicenceReport {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const entries: LicenceEntry[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev === true || entry.link === true) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    entries.push({ name, version: entry.version ?? "", ...licenceOf(join(root, path), entry) });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name, "en") || a.version.localeCompare(b.version));
  const problems = entries
    .filter((e) => !allowedLicence(e.licence))
    .map((e) => `${e.name}@${e.version}: ${e.licence || "(no licence found)"}`);
  return { entries, problems, markdown: markdownOf(entries) };
}

function licenceOf(dir: string, entry: LockEntry): Pick<LicenceEntry, "licence" | "source"> {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest))
    return entry.license
      ? { licence: entry.license, source: "package-lock.json" }
      : { licence: "", source: "none" };
  const pkg = JSON.parse(readFileSync(manifest, "utf8")) as {
    license?: string | { type?: string };
    licenses?: Array<{ type?: string }>;
  };
  const declared =
    typeof pkg.license === "string"
      ? pkg.license
      : (pkg.license?.type ?? pkg.licenses?.map((l) => l.type).join(" OR "));
  if (declared) return { licence: declared, source: "package.json" };
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/iu.test(f));
  const first = file
    ? (readFileSync(join(dir, file), "utf8")
        .split("\n")
        .find((l) => l.trim() !== "")
        ?.trim() ?? "")
    : "";
  const known = LICENCE_FILE_FIRST_LINES.find(([pattern]) => pattern.test(first));
  return { licence: known?.[1] ?? first, source: file ? "LICENSE" : "none" };
}

function markdownOf(entries: readonly LicenceEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.licence, (counts.get(e.licence) ?? 0) + 1);
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    "# Licences of the production dependencies",
    "",
    "Generated by `scripts/licence-report.ts` from package-lock.json (every package without",
    "`dev: true`) and each package's own package.json in node_modules (or the first line of its",
    "LICENSE file). Do not edit: after changing a dependency, run `npm run licences` and commit",
    "this file. `npm test` fails when it is out of date or when a licence is not one of:",
    `${[...ALLOWED_LICENCES].join(", ")} (or an SPDX expression of them with OR / AND).`,
    "Packages built for other platforms are listed with the licence the lockfile records.",
    "",
    "| licence | packages |",
    "|---|---|",
    ...[...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en"))
      .map(([licence, n]) => `| ${cell(licence || "(none)")} | ${n} |`),
    "",
    "| package | version | licence |",
    "|---|---|---|",
    ...entries.map(
      (e) => `| ${cell(e.name)} | ${cell(e.version)} | ${cell(e.licence || "(none)")} |`,
    ),
    "",
  ].join("\n");
}

/** Where the report is written, relative to the project root. */
export const LICENCES_FILE = "docs/licences.md";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL("../", import.meta.url));
  const report = licenceReport(root);
  writeFileSync(join(root, LICENCES_FILE), report.markdown);
  console.log(`${basename(LICENCES_FILE)}: ${report.entries.length} production packages`);
  if (report.problems.length > 0) {
    console.error(`Licences not allowed:\n  ${report.problems.join("\n  ")}`);
    process.exitCode = 1;
  }
}
