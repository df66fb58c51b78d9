import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MeasureListFacets } from "../../store/queries/measure-list-query.ts";
import { measureListFilter } from "./measure-list-schema.ts";

const FACETS: MeasureListFacets = {
  plan: { id: 1, slug: "431001-1", title: "計画" },
  statuses: [
    { code: "completed", name: "完了" },
    { code: "in_progress", name: "実施中" },
  ],
  periods: [
    { id: 1, asOf: "2013-09-30" },
    { id: 2, asOf: "2014-03-31" },
  ],
  pillars: [
    { number: 1, label: "I", title: "一", groupIds: [1, 2, 3] },
    { number: 2, label: "II", title: "二", groupIds: [4, 5] },
  ],
  categories: [
    {
      key: "1-1-1",
      pillarNumber: 1,
      area: { label: "1", title: "分野" },
      label: "①",
      title: "甲",
      groupIds: [3],
    },
    { key: "2-1", pillarNumber: 2, area: null, label: "①", title: "乙", groupIds: [5] },
  ],
};

describe("the measure list's query parameters", () => {
  it("takes the defaults from an empty query: the latest period, item order, page 1", () => {
    assert.deepEqual(measureListFilter(FACETS, {}), {
      period: "2014-03-31",
      since: null,
      status: null,
      pillar: null,
      category: null,
      figures: null,
      changedOnly: false,
      relistings: false,
      sort: "item",
      direction: "asc",
      page: 1,
    });
  });

  it("accepts every known value", () => {
    const filter = measureListFilter(FACETS, {
      period: "2014-03-31",
      since: "2013-09-30",
      status: "unset",
      pillar: "2",
      category: "2-1",
      figures: "without",
      changed: "1",
      relistings: "1",
      sort: "changed",
      dir: "desc",
      page: "3",
    });
    assert.deepEqual(filter, {
      period: "2014-03-31",
      since: "2013-09-30",
      status: "unset",
      pillar: 2,
      category: "2-1",
      figures: "without",
      changedOnly: true,
      relistings: true,
      sort: "changed",
      direction: "desc",
      page: 3,
    });
  });

  it("ignores unknown and malformed values instead of failing", () => {
    const filter = measureListFilter(FACETS, {
      period: "2099-01-01",
      since: "<b>",
      status: "<script>alert(1)</script>",
      pillar: "9",
      category: "1; drop table measure",
      figures: "maybe",
      changed: "yes",
      relistings: "true",
      sort: "drop table",
      dir: "sideways",
      page: "-1",
    });
    assert.deepEqual(filter, measureListFilter(FACETS, {}));
    for (const page of ["0", "1.5", "abc", "1e400", "99999999"])
      assert.equal(measureListFilter(FACETS, { page }).page, 1, page);
  });

  it("compares only with an earlier period, and only then shows changed measures alone", () => {
    assert.equal(measureListFilter(FACETS, { since: "2014-03-31" }).since, null);
    assert.equal(
      measureListFilter(FACETS, { period: "2013-09-30", since: "2013-09-30" }).since,
      null,
    );
    assert.equal(measureListFilter(FACETS, { changed: "1" }).changedOnly, false);
  });

  it("ignores a category of another pillar than the one chosen", () => {
    assert.equal(measureListFilter(FACETS, { pillar: "2", category: "1-1-1" }).category, null);
    assert.equal(measureListFilter(FACETS, { pillar: "1", category: "1-1-1" }).category, "1-1-1");
    assert.equal(measureListFilter(FACETS, { category: "1-1-1" }).category, "1-1-1");
  });

  it("has no period when the plan has none", () => {
    assert.equal(
      measureListFilter({ ...FACETS, periods: [] }, { period: "2014-03-31" }).period,
      null,
    );
  });
});
