import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { parseMapping } from "./mapping-schema.ts";

it("accepts every example mapping of docs/import-mapping.md", () => {
  const text = readFileSync(new URL("../../../docs/import-mapping.md", import.meta.url), "utf8");
  const examples = [...text.matchAll(/```json\n([\s\S]*?)```/gu)].map((m) => m[1] ?? "");
  assert.equal(examples.length, 3);
  for (const example of examples) {
    const mapping = parseMapping(JSON.parse(example), "docs/import-mapping.md");
    assert.ok(mapping.levels.length > 0);
  }
});
