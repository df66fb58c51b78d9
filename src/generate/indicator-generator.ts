import type { IndicatorDirection, IndicatorValue } from "../domain/indicator.ts";
import type {
  GeneratedGroup,
  GeneratedIndicator,
  GeneratedPeriod,
  GeneratedPlan,
} from "./generated-plan.ts";
import { fiscalYearOfDate } from "./period-calendar.ts";
import type { SeededRandom } from "./seeded-random.ts";

/** Fiscal years an indicator's targets run over (the last one's target is the final one). */
export const INDICATOR_YEARS = 8;

/** A kind of indicator a municipal plan reports: its name, unit, kind and range. */
interface IndicatorShape {
  name: string;
  unit: string | null;
  kind: "活動指標" | "対象指標" | "成果指標" | "KPI" | "事業費";
  direction: IndicatorDirection;
  /** The baseline is drawn between these. */
  low: number;
  high: number;
  /** Digits after the decimal point the values are written with. */
  decimals: number;
  /** How far the final target moves from the baseline (a fraction of it). */
  move: number;
}

const shape = (
  name: string,
  unit: string | null,
  kind: IndicatorShape["kind"],
  direction: IndicatorDirection,
  [low, high]: [number, number],
  decimals = 0,
  move = 0.2,
): IndicatorShape => ({ name, unit, kind, direction, low, high, decimals, move });

/** Indicators of measures, as municipal plans and 事務事業評価 name them. */
const MEASURE_INDICATORS: readonly IndicatorShape[] = [
  shape("保育所等の待機児童数", "人", "成果指標", "decrease", [5, 300], 0, 0.9),
  shape("放課後児童クラブの登録児童数", "人", "対象指標", "increase", [300, 5000]),
  shape("子育て支援センターの利用者数", "人", "活動指標", "increase", [2000, 40000]),
  shape("特定健康診査の受診率", "%", "成果指標", "increase", [25, 45], 1, 0.3),
  shape("がん検診の受診率", "%", "成果指標", "increase", [10, 35], 1, 0.3),
  shape("認知症サポーターの養成数", "人", "活動指標", "increase", [500, 20000], 0, 0.5),
  shape("地域包括支援センターの相談件数", "件", "活動指標", "increase", [800, 15000]),
  shape("介護予防教室の参加者数", "人", "活動指標", "increase", [200, 8000]),
  shape("自主防災組織の結成率", "%", "成果指標", "increase", [40, 85], 1, 0.15),
  shape("防災訓練の参加者数", "人", "活動指標", "increase", [500, 20000]),
  shape("市有建築物の耐震化率", "%", "成果指標", "increase", [70, 95], 1, 0.08),
  shape("刑法犯認知件数", "件", "成果指標", "decrease", [300, 8000], 0, 0.2),
  shape("交通事故の発生件数", "件", "成果指標", "decrease", [200, 5000], 0, 0.2),
  shape("ごみの1人1日当たり排出量", "g", "成果指標", "decrease", [750, 1050], 0, 0.08),
  shape("リサイクル率", "%", "成果指標", "increase", [12, 30], 1, 0.2),
  shape("温室効果ガス排出量", "千t-CO2", "成果指標", "decrease", [300, 6000], 0, 0.25),
  shape("市電の1日平均乗車人員", "人", "成果指標", "increase", [20000, 40000], 0, 0.1),
  shape("路線バスの年間利用者数", "千人", "成果指標", "increase", [800, 20000], 0, 0.1),
  shape("観光客数", "万人", "成果指標", "increase", [50, 900], 1, 0.2),
  shape("宿泊者数", "人", "成果指標", "increase", [20000, 900000]),
  shape("企業誘致件数", "件", "活動指標", "increase", [1, 15], 0, 0.6),
  shape("創業支援による創業者数", "人", "成果指標", "increase", [10, 200], 0, 0.5),
  shape("新規就農者数", "人", "成果指標", "increase", [3, 60], 0, 0.4),
  shape("図書館の貸出冊数", "冊", "活動指標", "increase", [200000, 3000000], 0, 0.1),
  shape("生涯学習講座の参加者数", "人", "活動指標", "increase", [500, 30000]),
  shape("スポーツ施設の利用者数", "人", "活動指標", "increase", [50000, 2000000], 0, 0.1),
  shape("出前講座の開催回数", "回", "活動指標", "increase", [10, 300]),
  shape("市民活動団体の登録数", "団体", "対象指標", "increase", [50, 900]),
  shape("汚水処理人口普及率", "%", "成果指標", "increase", [75, 97], 1, 0.05),
  shape("市税の収納率", "%", "成果指標", "increase", [94, 98.5], 1, 0.01),
  shape("電子申請の利用件数", "件", "活動指標", "increase", [1000, 90000], 0, 0.8),
  shape("移住相談件数", "件", "活動指標", "increase", [20, 900], 0, 0.5),
  shape("空き家バンクの登録件数", "件", "活動指標", "increase", [5, 150], 0, 0.6),
  shape("熊本市の魅力発信イベントの来場者数", "人", "活動指標", "increase", [3000, 80000]),
  shape("くまもと健康ポイント事業の参加者数", "人", "活動指標", "increase", [500, 30000], 0, 0.5),
  shape("事業費", "千円", "事業費", "maintain", [3000, 900000], 0, 0),
];

/** Indicators of groups (a 施策's or a 基本目標's KPI). */
const GROUP_INDICATORS: readonly IndicatorShape[] = [
  shape("合計特殊出生率", null, "KPI", "increase", [1.25, 1.75], 2, 0.08),
  shape("転入超過数", "人", "KPI", "increase", [50, 2000], 0, 0.3),
  shape("市民満足度", "%", "KPI", "increase", [45, 75], 1, 0.12),
  shape("健康寿命（男性）", "年", "KPI", "increase", [70, 73], 1, 0.02),
  shape("就業率", "%", "KPI", "increase", [55, 65], 1, 0.04),
  shape("市内総生産", "億円", "KPI", "increase", [5000, 30000], 0, 0.06),
  shape("地域の活動に参加している市民の割合", "%", "KPI", "increase", [20, 45], 1, 0.2),
  shape("住み続けたいと思う市民の割合", "%", "KPI", "increase", [60, 85], 1, 0.08),
  shape("観光消費額", "億円", "KPI", "increase", [100, 3000], 0, 0.2),
  shape("子育てしやすいと感じる市民の割合", "%", "KPI", "increase", [30, 60], 1, 0.2),
];

/** Measures' indicators: none to three, most measures one or none. */
const PER_MEASURE_WEIGHTS = [40, 35, 17, 8];

export interface IndicatorContext {
  random: SeededRandom;
  localize: (text: string) => string;
  /** The plan's first fiscal year: targets run from it over {@link INDICATOR_YEARS} years. */
  firstYear: number;
  periods: GeneratedPeriod[];
}

/**
 * Give a generated plan its indicators, in place: 0–3 on each original measure (never the same
 * name twice on one), a KPI on about a third of the categories (施策) and a quarter of the
 * pillars, coded I0001… in document order. Each has a baseline (the year before the plan), a
 * target each year with the last one final, and results up to the last period's fiscal year,
 * the last year's sometimes marked 見込み (an estimate), now and then a blank (集計中).
 * Deterministic for its random's seed.
 */
export function addIndicators(plan: GeneratedPlan, context: IndicatorContext): void {
  const { random } = context;
  let next = 1;
  const make = (pool: readonly IndicatorShape[], count: number): GeneratedIndicator[] =>
    random
      .sample(pool, count)
      .map((s) => indicatorOf(s, `I${String(next++).padStart(4, "0")}`, context));
  const walk = (group: GeneratedGroup) => {
    const chance = group.level === "category" ? 0.35 : group.level === "pillar" ? 0.25 : 0;
    group.indicators = random.chance(chance) ? make(GROUP_INDICATORS, 1) : [];
    group.children.forEach(walk);
    for (const item of group.items)
      for (const measure of item.measures)
        measure.indicators =
          measure.relistingOf === null
            ? make(MEASURE_INDICATORS, weighted(random, PER_MEASURE_WEIGHTS))
            : [];
  };
  plan.pillars.forEach(walk);
}

function indicatorOf(
  s: IndicatorShape,
  code: string,
  { random, localize, firstYear, periods }: IndicatorContext,
): GeneratedIndicator {
  const scale = 10 ** s.decimals;
  const write = (n: number) => (Math.round(n * scale) / scale).toFixed(s.decimals);
  const baseline = s.low + random.next() * (s.high - s.low);
  const sign = s.direction === "decrease" ? -1 : s.direction === "increase" ? 1 : 0;
  // Never below zero: a count falls at most to none (待機児童ゼロ).
  const goal = baseline * Math.max(0, 1 + sign * s.move * (0.5 + random.next()));
  const years = Array.from({ length: INDICATOR_YEARS }, (_, i) => firstYear + i);
  const targetOf = (i: number) => baseline + ((goal - baseline) * (i + 1)) / INDICATOR_YEARS;
  const last = periods.at(-1);
  const lastYear = last ? fiscalYearOfDate(last.asOf) : firstYear - 1;
  // The last year's result is often an estimate (見込み): more often when a September report
  // leaves the year open than when a March one closes it.
  const estimated = last?.asOf.endsWith("-09-30") ? 0.5 : 0.25;
  const pace = 0.6 + random.next() * 0.6;
  const values: IndicatorValue[] = [
    value("baseline", firstYear - 1, false, write(baseline), null),
    ...years.map((y, i) => value("target", y, i === years.length - 1, write(targetOf(i)), null)),
  ];
  for (const [i, y] of years.entries()) {
    if (y > lastYear) break;
    const noise = 1 + (random.next() - 0.5) * 0.1;
    const result = Math.max(0, (baseline + (targetOf(i) - baseline) * pace) * noise);
    const estimate = y === lastYear && random.chance(estimated);
    if (random.chance(0.04)) values.push(value("result", y, false, null, "集計中"));
    else values.push(value("result", y, false, write(result), estimate ? "見込み" : null));
  }
  return {
    code,
    name: localize(s.name),
    unit: s.unit,
    kind: s.kind,
    direction: s.direction,
    values,
  };
}

function value(
  kind: IndicatorValue["kind"],
  fiscalYear: number,
  final: boolean,
  text: string | null,
  note: string | null,
): IndicatorValue {
  return { kind, fiscalYear, final, periodAsOf: null, value: text, note };
}

function weighted(random: SeededRandom, weights: number[]): number {
  let roll = random.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    if (roll < w) return i;
    roll -= w;
  }
  return weights.length - 1;
}
