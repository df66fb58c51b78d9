import { it } from "node:test";
import { exampleExports } from "./example-exports.ts";
import { fuzz } from "./fuzz-harness.ts";
import { jsonCase, jsonCaseBytes, readPlanJsonCase } from "./plan-json-case.ts";

it("reads 500 mutated plan JSON documents into a draft or rejects them naming a line or a field", async (t) => {
  const { json } = await exampleExports();
  await fuzz(t, "plan-json", 500, jsonCase, (c) => readPlanJsonCase(jsonCaseBytes(json, c)));
});
