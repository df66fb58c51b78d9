import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeProgress, progressMeter } from "./progress-meter.ts";

describe("the progress meter", () => {
  it("describes plans done, rows per second and the time left", () => {
    assert.equal(
      describeProgress({ plansDone: 50, plansTotal: 200, rows: 100_000, seconds: 10 }),
      "[######                  ] 50/200 計画 10,000 行/秒 残り 0分30秒",
    );
  });

  it("writes plain lines at most every interval off a terminal, and always the last", () => {
    const lines: string[] = [];
    let now = 0;
    const meter = progressMeter(
      { isTTY: false, write: (t) => lines.push(t) },
      { clock: () => now, everySeconds: 10 },
    );
    for (let done = 1; done <= 4; done++) {
      now = done * 6;
      meter.update({ plansDone: done, plansTotal: 4, rows: done * 100, seconds: now });
    }
    assert.deepEqual(
      lines.map((l) => l.match(/\d+\/4/u)?.[0]),
      ["1/4", "3/4", "4/4"],
    );
    assert.ok(lines.every((l) => l.endsWith("\n") && !l.includes("\r")));
  });

  it("redraws one line in place on a terminal and ends it when done", () => {
    const out: string[] = [];
    const meter = progressMeter({ isTTY: true, write: (t) => out.push(t) }, { clock: () => 0 });
    meter.update({ plansDone: 1, plansTotal: 2, rows: 10, seconds: 1 });
    meter.update({ plansDone: 2, plansTotal: 2, rows: 20, seconds: 2 });
    meter.done();
    assert.ok(out[0]?.startsWith("\r["));
    assert.equal(out.at(-1), "\n");
  });
});
