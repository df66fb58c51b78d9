import assert from "node:assert/strict";
import { it } from "node:test";
import {
  KUMAMOTO,
  MODEL_REPORT_PATH,
  modelReportText,
} from "../../../test/factories/model-report.ts";
import { forEachStore, freshStore } from "../../../test/store-targets.ts";
import { htmlToText, listItems } from "../html-fragment.ts";
import type { ImportReport } from "../import-report.ts";
import { importReportFile } from "../report-importer.ts";
import { readMeasureTitle } from "./measure-row.ts";

/** Every piece of printed text of a source line: cells, `<li>` items, bullets and marks taken off. */
function printedPieces(line: string): string[] {
  return line
    .split("\t")
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .flatMap((c) => listItems(c) ?? [htmlToText(c)])
    .map((c) => readMeasureTitle(c).title)
    .filter((c) => c !== "");
}

forEachStore("keeping every sentence of the model report", (dialect) => {
  it("puts every printed piece of text in the store or in the import report", async () => {
    const store = await freshStore(dialect);
    try {
      await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      const corpus: string[] = [];
      const add = (...texts: Array<string | null>) => {
        for (const t of texts) if (t) corpus.push(t);
      };
      for (const p of await store.db.selectFrom("plan").select(["title", "contact"]).execute())
        add(p.title, p.contact);
      for (const g of await store.db.selectFrom("plan_group").select(["label", "title"]).execute())
        add(`${g.label}. ${g.title}`, g.title);
      for (const i of await store.db
        .selectFrom("item")
        .select(["number", "label", "title"])
        .execute())
        add(`${i.label}. ${i.title}`, String(i.number ?? ""));
      for (const m of await store.db.selectFrom("measure").select(["title"]).execute())
        add(m.title);
      for (const r of await store.db.selectFrom("roadmap_entry").select(["text"]).execute())
        add(r.text);
      for (const p of await store.db.selectFrom("progress").select(["narrative"]).execute())
        add(p.narrative);
      const run = await store.db
        .selectFrom("import_run")
        .select("report")
        .executeTakeFirstOrThrow();
      const report = JSON.parse(run.report) as ImportReport;
      add(...report.furniture.map((f) => f.text), ...report.messages.map((m) => m.message));

      const lost: string[] = [];
      modelReportText()
        .split("\n")
        .forEach((line, index) => {
          for (const piece of printedPieces(line)) {
            const whole = corpus.some((t) => t.includes(piece));
            // A merged row's cell is stored split: each of its space-separated parts must be there.
            const parts = piece
              .split(" ")
              .every((part) => corpus.some((t) => t === part || t.includes(part)));
            if (!whole && !parts) lost.push(`${index + 1}: ${piece}`);
          }
        });
      assert.deepEqual(lost, []);
    } finally {
      await store.dispose();
    }
  });

  it("keeps each progress narrative exactly once: a re-listing adds no second copy", async () => {
    const store = await freshStore(dialect);
    try {
      await importReportFile(store, MODEL_REPORT_PATH, { organization: KUMAMOTO });
      const narratives = (await store.db.selectFrom("progress").select("narrative").execute()).map(
        (p) => p.narrative,
      );
      // A narrative stored k times must be printed on at least k rows that are not re-listings.
      const originals = modelReportText()
        .split("\n")
        .filter((l) => !l.includes("再掲"));
      const times = new Map<string, number>();
      for (const n of narratives) times.set(n, (times.get(n) ?? 0) + 1);
      for (const [narrative, k] of times) {
        const printed = originals.filter((l) => l.includes(narrative)).length;
        assert.ok(
          printed >= k,
          `「${narrative}」 stored ${k} times, printed on ${printed} original rows`,
        );
      }
      const stored = narratives.join("\n");
      assert.equal(
        stored.split("35電停中19電停が改良済").length - 1,
        1,
        "No.29's progress once, not again for its re-listing at No.113",
      );
    } finally {
      await store.dispose();
    }
  });
});
