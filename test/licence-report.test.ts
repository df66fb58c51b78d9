import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { allowedLicence, LICENCES_FILE, licenceReport } from "../scripts/licence-report.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

describe("the licence report of the production dependencies", () => {
  const report = licenceReport(ROOT);

  it("finds only licences compatible with distributing Shinchoku under MIT", () => {
    assert.deepEqual(
      report.problems,
      [],
      "replace the dependency, or, if its licence allows MIT distribution, add it to ALLOWED_LICENCES with a reason",
    );
  });

  it("lists every production dependency of package.json, as installed", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    for (const name of Object.keys(pkg.dependencies)) {
      const entry = report.entries.find((e) => e.name === name);
      assert.ok(entry, `${name} is in the report`);
      assert.equal(entry.source, "package.json", `${name}'s licence is read from node_modules`);
    }
    assert.ok(
      !report.entries.some((e) => e.name === "typescript" || e.name === "@biomejs/biome"),
      "development tools are not listed",
    );
  });

  it("finds every production dependency justified in docs/ARCHITECTURE.md", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const architecture = readFileSync(join(ROOT, "docs/ARCHITECTURE.md"), "utf8");
    const section = architecture.split("## Production dependencies")[1]?.split("\n## ")[0] ?? "";
    const listed = section
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| package "))
      .flatMap((line) => (line.split("|")[1] ?? "").split(",").map((name) => name.trim()));
    for (const name of Object.keys(pkg.dependencies))
      assert.ok(listed.includes(name), `${name}: add a row with its licence and why we need it`);
  });

  it("is the committed docs/licences.md (after a dependency change: npm run licences)", () => {
    assert.equal(
      readFileSync(join(ROOT, LICENCES_FILE), "utf8"),
      report.markdown,
      "docs/licences.md is out of date: run `npm run licences` and commit it",
    );
  });

  it("reads SPDX expressions: OR needs one allowed licence, AND needs all", () => {
    for (const ok of ["MIT", "(MIT OR WTFPL)", "MIT AND OFL-1.1", "(MIT OR GPL-3.0) AND ISC"])
      assert.ok(allowedLicence(ok), ok);
    for (const refused of [
      "GPL-3.0-only",
      "MIT AND GPL-3.0",
      "SEE LICENSE IN LICENSE.txt",
      "UNLICENSED",
      "Apache-2.0 WITH LLVM-exception",
      "(MIT",
      "",
    ])
      assert.ok(!allowedLicence(refused), refused);
  });

  it("refuses a package with a disallowed or missing licence, and falls back to its LICENSE file", () => {
    const root = mkdtempSync(join(tmpdir(), "shinchoku-licences-"));
    try {
      const install = (name: string, manifest: object, licenceFile?: string) => {
        const dir = join(root, "node_modules", name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "package.json"), JSON.stringify({ name, ...manifest }));
        if (licenceFile) writeFileSync(join(dir, "LICENSE"), licenceFile);
      };
      install("copyleft", { version: "1.0.0", license: "GPL-3.0-only" });
      install("plain", { version: "2.0.0" }, "\nMIT License\n\nCopyright (c) 2017 …\n");
      install("nothing", { version: "3.0.0" });
      install("tool", { version: "4.0.0", license: "AGPL-3.0-only" });
      writeFileSync(
        join(root, "package-lock.json"),
        JSON.stringify({
          lockfileVersion: 3,
          packages: {
            "": { name: "x" },
            "node_modules/copyleft": { version: "1.0.0" },
            "node_modules/plain": { version: "2.0.0" },
            "node_modules/nothing": { version: "3.0.0" },
            "node_modules/tool": { version: "4.0.0", dev: true },
            "node_modules/@esbuild/win32-x64": { version: "0.1.0", license: "MIT", optional: true },
          },
        }),
      );
      const fake = licenceReport(root);
      assert.deepEqual(
        fake.entries.map((e) => [e.name, e.licence, e.source]),
        [
          ["@esbuild/win32-x64", "MIT", "package-lock.json"],
          ["copyleft", "GPL-3.0-only", "package.json"],
          ["nothing", "", "none"],
          ["plain", "MIT", "LICENSE"],
        ],
      );
      assert.deepEqual(fake.problems, [
        "copyleft@1.0.0: GPL-3.0-only",
        "nothing@3.0.0: (no licence found)",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
