import assert from "node:assert/strict";
import { it } from "node:test";
import { modelReportText } from "../../../test/factories/model-report.ts";
import { readReportText } from "./report-text-reader.ts";

it("keeps an unnumbered item's re-listing mark out of its title, as our report PDF prints it", () => {
  const text = modelReportText().replace(
    "\nイ. 公用車のカーシェアリングの導入\t",
    "\nイ. 公用車のカーシェアリングの導入【No.38再掲】\t",
  );
  assert.notEqual(text, modelReportText());
  const { draft } = readReportText(text.split("\n"), "t.txt");
  const items = draft.pillars.flatMap(function walk(g): typeof g.items {
    return [...g.items, ...g.children.flatMap(walk)];
  });
  const relisted = items.filter((i) => i.number === null && i.title.includes("カーシェアリング"));
  assert.deepEqual(
    relisted.map((i) => [i.title, i.relistingOfItemNumber]),
    [["公用車のカーシェアリングの導入", 38]],
  );
});
