import type { PlanLevel } from "../domain/plan-draft.ts";
import type {
  GeneratedGroup,
  GeneratedItem,
  GeneratedMeasure,
  GeneratedPlan,
} from "./generated-plan.ts";
import { addIndicators } from "./indicator-generator.ts";
import { measureHistory } from "./measure-history.ts";
import type { Vocabulary } from "./model-vocabulary.ts";
import type { GeneratedOrganization } from "./organization-generator.ts";
import { fiscalYearOfDate, reportingPeriods } from "./period-calendar.ts";
import { localizer } from "./place-words.ts";
import { SeededRandom, seedOf } from "./seeded-random.ts";

export interface PlanSpec {
  organization: GeneratedOrganization;
  /** 1-based: the plan's slug is `{code}-{index}`. */
  index: number;
  periods: number;
  fromYear: number;
  seed: number;
}

const KINDS = [
  "アクションプラン",
  "総合計画実施計画",
  "行財政改革プラン",
  "まち・ひと・しごと創生総合戦略",
  "行政改革推進計画",
  "重点戦略プラン",
  "地域振興計画",
  "挑戦アクションプラン",
];

/** Level names: the model's, and those other plans use. */
const LEVEL_NAMES = [
  ["柱", "分野", "区分", "項目", "取組"],
  ["基本目標", "政策", "施策", "事業", "取組"],
  ["基本方針", "分野", "推進項目", "取組項目", "具体的な取組"],
  ["重点戦略", "分野", "施策", "主な事業", "実施内容"],
] as const;
const KEYS = ["pillar", "area", "category", "item", "measure"] as const;
const ROMAN = ["I", "II", "III", "IV", "V", "VI"];
const CIRCLED = [..."①②③④⑤⑥⑦⑧⑨⑩"];
const KANA = [
  ..."アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ",
];
/** Items per category at most: their labels ア… run out after that. */
const MAX_ITEMS_PER_CATEGORY = KANA.length;

/**
 * One plan, made from the vocabulary: 2–6 pillars, areas in some plans, categories, 10–150
 * items numbered 1…n, 1–4 measures each, some re-listing another item's measure, a roadmap
 * over the plan's fiscal years and progress in every period, indicators on measures and some
 * groups (`indicator-generator.ts`). Deterministic: the same spec
 * gives the same plan, whatever was generated before it.
 * @example generatePlan(vocabulary, { organization, index: 1, periods: 8, fromYear: 2013, seed: 1 }).slug
 */
export function generatePlan(vocabulary: Vocabulary, spec: PlanSpec): GeneratedPlan {
  const { organization: org } = spec;
  const random = new SeededRandom(seedOf(spec.seed, "plan", org.code, spec.index));
  const localize = localizer(org);
  const kinds = new SeededRandom(seedOf(spec.seed, "kinds", org.code)).sample(KINDS, KINDS.length);
  const round = Math.ceil(spec.index / kinds.length);
  const kind = `${kinds[(spec.index - 1) % kinds.length]}${round > 1 ? `（第${round}期）` : ""}`;

  const periods = reportingPeriods(spec.fromYear, spec.periods);
  const lastYear = fiscalYearOfDate(periods[periods.length - 1]?.asOf ?? `${spec.fromYear}-09-30`);
  const first = spec.fromYear - random.int(0, 1);
  const last = Math.max(lastYear, first + 1) + random.int(0, 1);
  const fiscalYears = Array.from({ length: last - first + 1 }, (_, i) => first + i);

  const groupTitles = cycle(random, vocabulary.groupTitles.map(localize));
  const itemTitles = cycle(random, vocabulary.itemTitles.map(localize));
  const measureTitles = cycle(random, vocabulary.measureTitles.map(localize));

  const hasAreas = random.chance(0.3);
  const pillars: GeneratedGroup[] = [];
  const categories: GeneratedGroup[] = [];
  const newGroup = (
    level: GeneratedGroup["level"],
    number: number,
    label: string,
  ): GeneratedGroup => ({
    level,
    number,
    label,
    title: groupTitles(),
    children: [],
    items: [],
    indicators: [],
  });
  const addCategories = (parent: GeneratedGroup, count: number) => {
    for (let c = 1; c <= count; c++) {
      const category = newGroup("category", c, CIRCLED[c - 1] ?? String(c));
      parent.children.push(category);
      categories.push(category);
    }
  };
  for (let p = 1, n = random.int(2, 6); p <= n; p++) {
    const pillar = newGroup("pillar", p, ROMAN[p - 1] ?? String(p));
    pillars.push(pillar);
    if (hasAreas && (p === 1 || random.chance(0.4))) {
      for (let a = 1, areas = random.int(2, 4); a <= areas; a++) {
        const area = newGroup("area", a, String(a));
        pillar.children.push(area);
        addCategories(area, random.int(1, 4));
      }
    } else addCategories(pillar, random.int(1, 5));
  }

  const itemCount = Math.min(
    categories.length * MAX_ITEMS_PER_CATEGORY,
    Math.max(categories.length, random.int(10, 150)),
  );
  const perCategory = categories.map(() => 1);
  for (let left = itemCount - categories.length; left > 0; ) {
    const c = random.int(0, categories.length - 1);
    if ((perCategory[c] ?? 0) >= MAX_ITEMS_PER_CATEGORY) continue;
    perCategory[c] = (perCategory[c] ?? 0) + 1;
    left--;
  }
  const items: GeneratedItem[] = [];
  categories.forEach((category, c) => {
    for (let i = 0; i < (perCategory[c] ?? 0); i++) {
      const title = itemTitles();
      const count = pickWeighted(random, [55, 25, 13, 7]) + 1;
      const measures = Array.from({ length: count }, (_, m) => ({
        code: "",
        title: m === 0 && random.chance(0.4) ? title : measureTitles(),
        relistingOf: null as string | null,
        roadmap: [],
        progress: [],
        indicators: [],
      }));
      const item = { number: items.length + 1, label: KANA[i] ?? "ア", title, measures };
      category.items.push(item);
      items.push(item);
    }
  });

  const all = items.flatMap((item) => item.measures.map((measure) => ({ item, measure })));
  all.forEach(({ measure }, i) => {
    measure.code = `M${String(i + 1).padStart(4, "0")}`;
  });
  relist(random, all);
  for (const { measure } of all) {
    if (measure.relistingOf !== null) continue;
    Object.assign(
      measure,
      measureHistory({ random, vocabulary, localize, fiscalYears, periods: spec.periods }),
    );
  }

  const names = random.chance(0.5) ? LEVEL_NAMES[0] : random.pick(LEVEL_NAMES);
  const levels: PlanLevel[] = KEYS.map((key, i) => ({ key, name: names[i] ?? key })).filter(
    (l) => hasAreas || l.key !== "area",
  );
  const phone = `0${random.int(11, 99)}-${random.int(200, 999)}-${String(random.int(0, 9999)).padStart(4, "0")}`;
  const plan: GeneratedPlan = {
    slug: `${org.code}-${spec.index}`,
    title: `${org.name}${kind}`,
    contact: `お問い合わせ先 ${org.name}企画課 TEL : ${phone}`,
    levels,
    fiscalYears,
    periods,
    pillars,
  };
  // A random of their own: the indicators change nothing else the plan draws.
  addIndicators(plan, {
    random: new SeededRandom(seedOf(spec.seed, "indicators", org.code, spec.index)),
    localize,
    firstYear: first,
    periods,
  });
  return plan;
}

/** About 3.5% of measures become re-listings of a measure of another item of the plan. */
function relist(
  random: SeededRandom,
  all: Array<{ item: GeneratedItem; measure: GeneratedMeasure }>,
) {
  const referenced = new Set<GeneratedMeasure>();
  for (const entry of all) {
    if (all.length < 20 || referenced.has(entry.measure) || !random.chance(0.035)) continue;
    const original = random.pick(all);
    if (original.item === entry.item || original.measure.relistingOf !== null) continue;
    entry.measure.relistingOf = original.measure.code;
    entry.measure.title = original.measure.title;
    referenced.add(original.measure);
  }
}

/** Values of a shuffled pool in turn, reshuffled each time round. */
function cycle(random: SeededRandom, pool: string[]): () => string {
  let order: string[] = [];
  return () => {
    if (order.length === 0) order = random.sample(pool, pool.length);
    return order.pop() ?? "";
  };
}

function pickWeighted(random: SeededRandom, weights: number[]): number {
  let roll = random.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    if (roll < w) return i;
    roll -= w;
  }
  return weights.length - 1;
}
