import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  parseRoadmapCell,
  type RoadmapCell,
  resolveRoadmap,
  splitMergedCell,
} from "./roadmap-entry.ts";

/** A roadmap cell of one fiscal year, as the reader would hand it to resolveRoadmap. */
function year(fiscalYear: number, printed: string): RoadmapCell & { fiscalYear: number } {
  return { fiscalYear, ...parseRoadmapCell(printed) };
}

/** The resolved activities by fiscal year. */
function activities(cells: Array<RoadmapCell & { fiscalYear: number }>) {
  return resolveRoadmap(cells).map((e) => [e.fiscalYear, e.activity]);
}

describe("parseRoadmapCell", () => {
  it("reads ⇒ alone as continued with nothing added", () => {
    assert.deepEqual(parseRoadmapCell("⇒"), {
      text: "⇒",
      continued: true,
      none: false,
      addition: null,
    });
  });

  it("reads the arrow → as continued too", () => {
    const cell = parseRoadmapCell("→");
    assert.equal(cell.continued, true);
    assert.equal(cell.addition, null);
  });

  it("reads — as no activity that year", () => {
    assert.deepEqual(parseRoadmapCell("—"), {
      text: "—",
      continued: false,
      none: true,
      addition: null,
    });
  });

  for (const dash of ["―", "－", "-", "ー", "‐", "─"]) {
    it(`reads the dash variant ${JSON.stringify(dash)} (U+${dash.codePointAt(0)?.toString(16).toUpperCase()}) as no activity`, () => {
      const cell = parseRoadmapCell(dash);
      assert.equal(cell.none, true);
      assert.equal(cell.continued, false);
      assert.equal(cell.addition, null);
    });
  }

  it("reads ⇒ followed by text as continued with that text added", () => {
    assert.deepEqual(parseRoadmapCell("⇒ 具体的施策の見直し"), {
      text: "⇒ 具体的施策の見直し",
      continued: true,
      none: false,
      addition: "具体的施策の見直し",
    });
  });

  it("reads plain text as an activity of its own", () => {
    assert.deepEqual(parseRoadmapCell("供用"), {
      text: "供用",
      continued: false,
      none: false,
      addition: "供用",
    });
  });

  it("collapses and trims white space, so a padded dash or arrow is still recognized", () => {
    assert.equal(parseRoadmapCell("  —\t").none, true);
    assert.deepEqual(parseRoadmapCell(" ⇒\u3000 計画の\n 推進 "), {
      text: "⇒ 計画の 推進",
      continued: true,
      none: false,
      addition: "計画の 推進",
    });
  });

  it("reads a cell of only white space as empty, neither continued nor none", () => {
    assert.deepEqual(parseRoadmapCell(" \t "), {
      text: "",
      continued: false,
      none: false,
      addition: null,
    });
  });

  it("keeps a dash inside a longer text as text", () => {
    const cell = parseRoadmapCell("—検討");
    assert.equal(cell.none, false);
    assert.equal(cell.addition, "—検討");
  });
});

describe("resolveRoadmap", () => {
  it("gives ⇒ the activity of the year before", () => {
    assert.deepEqual(activities([year(2012, "実証実験"), year(2013, "⇒")]), [
      [2012, "実証実験"],
      [2013, "実証実験"],
    ]);
  });

  it("joins the year before's activity and what ⇒ X adds with ／", () => {
    assert.deepEqual(activities([year(2012, "計画の推進"), year(2013, "⇒ 具体的施策の見直し")]), [
      [2012, "計画の推進"],
      [2013, "計画の推進／具体的施策の見直し"],
    ]);
  });

  it("carries an activity along a chain 供用 → ⇒ → ⇒", () => {
    assert.deepEqual(activities([year(2012, "供用"), year(2013, "⇒"), year(2014, "⇒")]), [
      [2012, "供用"],
      [2013, "供用"],
      [2014, "供用"],
    ]);
  });

  it("gives — no activity, and a ⇒ after it continues nothing", () => {
    assert.deepEqual(activities([year(2012, "検討"), year(2013, "—"), year(2014, "⇒")]), [
      [2012, "検討"],
      [2013, null],
      [2014, null],
    ]);
  });

  it("gives a ⇒ in the first year no activity, since what it continues is not in the plan", () => {
    assert.deepEqual(activities([year(2012, "⇒"), year(2013, "⇒")]), [
      [2012, null],
      [2013, null],
    ]);
  });

  it("gives a ⇒ X in the first year only what it adds", () => {
    assert.deepEqual(activities([year(2012, "⇒ 拡充")]), [[2012, "拡充"]]);
  });

  it("breaks the chain at a gap between years", () => {
    assert.deepEqual(activities([year(2012, "供用"), year(2014, "⇒")]), [
      [2012, "供用"],
      [2014, null],
    ]);
  });

  it("sorts unsorted input by fiscal year before resolving", () => {
    const entries = resolveRoadmap([year(2014, "⇒"), year(2012, "供用"), year(2013, "⇒ 拡充")]);
    assert.deepEqual(
      entries.map((e) => [e.fiscalYear, e.text, e.activity]),
      [
        [2012, "供用", "供用"],
        [2013, "⇒ 拡充", "供用／拡充"],
        [2014, "⇒", "供用／拡充"],
      ],
    );
  });

  it("keeps each cell's classification beside its activity", () => {
    const [entry] = resolveRoadmap([year(2013, "—")]);
    assert.deepEqual(entry, {
      fiscalYear: 2013,
      text: "—",
      continued: false,
      none: true,
      addition: null,
      activity: null,
    });
  });

  it("does not reorder the array it was given", () => {
    const input = [year(2013, "⇒"), year(2012, "供用")];
    resolveRoadmap(input);
    assert.deepEqual(
      input.map((c) => c.fiscalYear),
      [2013, 2012],
    );
  });
});

describe("splitMergedCell", () => {
  it("splits ⇒ ⇒ into one ⇒ per measure", () => {
    assert.deepEqual(splitMergedCell("⇒ ⇒", 2), ["⇒", "⇒"]);
  });

  it("splits 供用 引継事務の実施 into one activity per measure", () => {
    assert.deepEqual(splitMergedCell("供用 引継事務の実施", 2), ["供用", "引継事務の実施"]);
  });

  it("repeats a single ⇒ for each measure", () => {
    assert.deepEqual(splitMergedCell("⇒", 3), ["⇒", "⇒", "⇒"]);
  });

  it("repeats a single — for each measure", () => {
    assert.deepEqual(splitMergedCell("—", 2), ["—", "—"]);
  });

  it("gives null for a cell of three parts and two measures", () => {
    assert.equal(splitMergedCell("調査 検討 実施", 2), null);
  });

  it("gives null for a single plain activity and two measures", () => {
    assert.equal(splitMergedCell("供用", 2), null);
  });

  it("keeps the cell whole, white space collapsed, for one measure", () => {
    assert.deepEqual(splitMergedCell(" 供用  引継事務の実施 ", 1), ["供用 引継事務の実施"]);
  });

  it("splits at any run of white space, not only a single space", () => {
    assert.deepEqual(splitMergedCell("供用\n  引継事務の実施", 2), ["供用", "引継事務の実施"]);
  });
});
