import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SimilarMeasure } from "../../store/search/similar-measures.ts";
import { similarMeasuresView } from "./similar-measures-view.ts";

const SIMILAR: SimilarMeasure[] = [
  {
    plan: {
      slug: "131016-1",
      title: "挑戦元年アクションプラン",
      organizationCode: "131016",
      organizationName: "千代田区",
    },
    measureCode: "M0140",
    measureTitle: "保育所整備による待機児童の解消",
    item: { number: 56, label: "ア", title: "保育園の待機児童ゼロ" },
    status: { code: "in_progress", name: "実施中" },
    period: "2013-09-30",
    score: 1,
  },
  {
    plan: {
      slug: "011002-1",
      title: "計画",
      organizationCode: "011002",
      organizationName: "札幌市",
    },
    measureCode: "M0007",
    measureTitle: "保育所の整備で待機児童を解消",
    item: { number: null, label: "", title: "" },
    status: null,
    period: null,
    score: 0.5,
  },
];

describe("the similar measures under a measure", () => {
  it("links each to the measure on its item page, with its organization, plan, status and date", async () => {
    const view = String(await similarMeasuresView("ja", "M0140", SIMILAR));
    assert.match(view, /<h4 id="measure-M0140-similar">他の自治体の似た取組<\/h4>/u);
    assert.ok(
      view.includes(
        '<a href="/plans/131016-1/items/56#measure-M0140">保育所整備による待機児童の解消</a>',
      ),
    );
    assert.ok(view.includes('<a href="/orgs/131016">千代田区</a>'));
    assert.match(view, /<span class="status-badge" data-status="in_progress">実施中<\/span>/u);
    assert.match(view, /平成25年9月末時点/u);
    assert.ok(
      view.includes('<a href="/plans/011002-1/report#measure-M0007">'),
      "no item number: the report view",
    );
    assert.match(view, /<span class="status-badge" data-status="">未設定<\/span>/u);
  });

  it("marks the Japanese content on an English page, and shows nothing when there is none", async () => {
    const view = String(await similarMeasuresView("en", "M0140", SIMILAR));
    assert.match(view, /Similar measures in other municipalities/u);
    assert.ok(view.includes('<span lang="ja">保育所整備による待機児童の解消</span>'));
    assert.match(view, /data-status="in_progress" lang="ja">実施中<\/span>/u);
    assert.match(view, /as of 30 September 2013 \(Heisei 25\)/u);
    assert.equal(similarMeasuresView("ja", "M0140", []), "");
    assert.equal(similarMeasuresView("ja", "M0140", undefined), "");
  });
});
