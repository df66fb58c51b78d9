import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DEFAULT_STATUS_RULES, type StatusRuleSet, suggestStatus } from "./status-rules.ts";
import { DEFAULT_STATUS_SCHEME } from "./status-scheme.ts";

const LABELS = new URL("../../examples/status-labels.tsv", import.meta.url);
const status = (narrative: string) => suggestStatus(narrative).status;

describe("suggestStatus", () => {
  it("suggests completed for a narrative that reports the measure done", () => {
    assert.equal(status("平成24年4月1日付けで設置済"), "completed");
    assert.equal(status("平成23年度末で部を廃止済"), "completed");
    assert.equal(status("平成25年4月から熊本市公共交通基本条例を施行"), "completed");
    assert.equal(status("小泉八雲熊本旧居の展示改修が完了"), "completed");
  });

  it("suggests in progress for …実施中, …推進中 and the other endings of work under way", () => {
    assert.equal(status("計画に基づく行財政改革を推進中"), "in_progress");
    assert.equal(status("河川の整備及び浸水対策事業を実施中"), "in_progress");
    assert.equal(
      status("MICE誘致推進機構第2回総会において決定した重点事項について取り組み中"),
      "in_progress",
    );
    assert.equal(status("平成24年11月から今藤工業団地の分譲を開始"), "in_progress");
    assert.equal(
      status("シルバー人材センターを支援 介護保険サポーター・ポイント制度を実施"),
      "in_progress",
    );
  });

  it("suggests preparing for 検討中, 準備中, 調整中, 協議中 and 予定", () => {
    assert.equal(
      status("バス路線網再編実施プログラムの中でシステム導入について検討中"),
      "preparing",
    );
    assert.equal(status("南・北消防署の新設準備中"), "preparing");
    assert.equal(status("市電とバスの相互連携について調整中"), "preparing");
    assert.equal(status("今後の情報発信等の実施に向け関係機関と協議中"), "preparing");
    assert.equal(status("平成25年10月のIR活動及び11月の公募債発行を予定"), "preparing");
  });

  it("suggests discontinued when a clause says 中止が決定, whatever was done before", () => {
    assert.equal(status("協議会の解散に伴い、整備中止が決定"), "discontinued");
    assert.equal(status("基本設計を完了 その後、事業の中止が決定"), "discontinued");
    assert.equal(status("補助制度は平成26年度末で廃止することが決定"), "discontinued");
  });

  it("suggests not started for 未着手", () => {
    assert.equal(status("予算措置がなく未着手"), "not_started");
  });

  it("takes a measure with parts at different stages as in progress as a whole", () => {
    assert.equal(
      status("平成25年度分については移譲完了 平成26年度分の路線移譲に向け準備中"),
      "in_progress",
    );
    assert.equal(status("設置済 相談体制の整備を実施中"), "in_progress");
    assert.equal(status("現行制度の検討中 一部は着手前"), "preparing");
  });

  it("does not read words in the future as done or started", () => {
    assert.equal(status("小・中学校施設の耐震化は平成25年度完了に向け順調に進行"), "in_progress");
    assert.equal(status("平成26年の秋には完成する予定"), "preparing");
    assert.equal(status("工事着手に向け、用地交渉開始の準備中"), "preparing");
  });

  it("reads a count right before …済 as a running tally, not as done", () => {
    assert.equal(status("平成25年度は、これまで10企業が立地済"), "in_progress");
    assert.equal(status("障がい者住宅整備助成について、平成25年度は２件助成済"), "in_progress");
    assert.equal(
      status("平成25年8月23、24日に、6項目を対象とした外部評価会議を実施済"),
      "completed",
    );
  });

  it("does not take 中 in 中学校, 35電停中 or 年度中, nor 済 in 経済, as a status", () => {
    assert.equal(status("拠点中学校21校に配置"), null);
    assert.equal(status("35電停中19電停"), null);
    assert.equal(status("平成25年度中に募集・選定"), null);
    assert.equal(status("経済関係団体との情報交換"), null);
  });

  it("says unknown (null) where no rule applies, and for an empty narrative", () => {
    const none = suggestStatus("平成25年度の苦情申立て件数31件");
    assert.equal(none.status, null);
    assert.deepEqual(none.matched, []);
    assert.match(none.reason, /見つからない/);
    assert.equal(suggestStatus("").status, null);
    assert.match(suggestStatus("  ").reason, /空/);
  });

  it("explains which words made the suggestion, where they stand and why", () => {
    const narrative = "平成25年度分については移譲完了 平成26年度分の路線移譲に向け準備中";
    const suggestion = suggestStatus(narrative);
    assert.deepEqual(
      suggestion.matched.map(({ text, rule, status }) => ({ text, rule, status })),
      [
        { text: "完了", rule: "done", status: "completed" },
        { text: "準備中", rule: "preparing", status: "preparing" },
      ],
    );
    for (const m of suggestion.matched) assert.equal(narrative.slice(m.start, m.end), m.text);
    assert.equal(
      suggestion.reason,
      "「完了」（完了）と「準備中」（検討・準備中）: 段階の異なる部分があるため、全体として実施中",
    );
    assert.equal(suggestStatus("整備中止が決定").reason, "「中止が決定」が中止を示すため、中止");
  });

  it("names a status of the default scheme in every rule", () => {
    const codes = DEFAULT_STATUS_SCHEME.map((s) => s.code);
    for (const rule of DEFAULT_STATUS_RULES.rules) assert.ok(codes.includes(rule.status), rule.id);
    for (const code of [...DEFAULT_STATUS_RULES.stages, DEFAULT_STATUS_RULES.mixed]) {
      assert.ok(codes.includes(code), code);
    }
  });

  it("takes another scheme's rules as data (◎達成済・○取組中・−未着手)", () => {
    const rules: StatusRuleSet = {
      rules: [
        { id: "achieved", status: "◎", description: "達成", patterns: [/達成済/], priority: 2 },
        { id: "working", status: "○", description: "取組中", patterns: [/取組中/], priority: 1 },
      ],
      decisive: [],
      stages: ["−", "○", "◎"],
      mixed: "○",
    };
    assert.equal(suggestStatus("目標を達成済", rules).status, "◎");
    assert.equal(suggestStatus("一部達成済 残りは取組中", rules).status, "○");
    assert.equal(suggestStatus("検討中", rules).status, null);
  });
});

describe("status agreement with the labelled model report", () => {
  it("agrees with a person's labels on at least 90% of the 198 measures and guesses wrong on at most 5%", () => {
    const rows = readFileSync(LABELS, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => line.split("\t"));
    assert.equal(rows.length, 198);
    const nameOf = new Map(DEFAULT_STATUS_SCHEME.map((s) => [s.code, s.name]));
    let agreed = 0;
    let wrong = 0;
    let unknown = 0;
    for (const [, , narrative = "", label] of rows) {
      const code = suggestStatus(narrative).status;
      const suggested = code === null ? "unknown" : nameOf.get(code);
      if (suggested === label) agreed++;
      else if (code === null) unknown++;
      else wrong++;
    }
    const pct = (n: number) => ((n / rows.length) * 100).toFixed(1);
    console.log(
      `status agreement: ${agreed}/${rows.length} (${pct(agreed)}%), wrong ${wrong} (${pct(wrong)}%), unknown ${unknown}`,
    );
    assert.ok(agreed / rows.length >= 0.9, `agreement ${pct(agreed)}% is below 90%`);
    assert.ok(wrong / rows.length <= 0.05, `wrong guesses ${pct(wrong)}% are above 5%`);
  });
});
