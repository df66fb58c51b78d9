import type { ConfirmedFigure } from "../domain/confirmed-figure.ts";
import type { GeneratedProgress } from "./generated-plan.ts";
import type { PhraseStatus, Vocabulary } from "./model-vocabulary.ts";
import type { SeededRandom } from "./seeded-random.ts";

/** From each status, the chance of moving to the next ones at a period: mostly forward. */
const MOVES: Record<PhraseStatus, Array<[PhraseStatus, number]>> = {
  not_started: [
    ["preparing", 0.35],
    ["in_progress", 0.1],
  ],
  preparing: [
    ["in_progress", 0.35],
    ["discontinued", 0.02],
  ],
  in_progress: [
    ["completed", 0.12],
    ["discontinued", 0.01],
  ],
  completed: [],
  discontinued: [],
};

const FIRST: Array<[PhraseStatus, number]> = [
  ["not_started", 0.15],
  ["preparing", 0.3],
  ["in_progress", 0.5],
  ["completed", 0.05],
];

export interface MeasureHistoryContext {
  random: SeededRandom;
  vocabulary: Vocabulary;
  localize: (text: string) => string;
  fiscalYears: number[];
  periods: number;
}

/**
 * A measure's roadmap (one printed cell per fiscal year: an activity, then `⇒`, sometimes
 * `⇒ X` or a new activity; `—` before it starts) and its progress in each period: a status
 * that moves forward, a narrative recombined from the model's phrases for that status (kept
 * as it was, some periods, when nothing moved), and now and then a figure in it.
 */
export function measureHistory(context: MeasureHistoryContext) {
  const { random, vocabulary, localize, fiscalYears } = context;
  const start = Math.min(fiscalYears.length - 1, random.chance(0.7) ? 0 : random.int(1, 2));
  const roadmap = fiscalYears.map((fiscalYear, i) => {
    let text: string;
    if (i < start) text = "—";
    else if (i === start || random.chance(0.12))
      text = localize(random.pick(vocabulary.activities));
    else if (random.chance(0.15)) text = `⇒ ${localize(random.pick(vocabulary.activities))}`;
    else text = "⇒";
    return { fiscalYear, text };
  });

  const progress: GeneratedProgress[] = [];
  let status = choose(random, FIRST, "in_progress");
  for (let k = 0; k < context.periods; k++) {
    const before = progress[k - 1];
    if (before) status = choose(random, MOVES[status], status);
    // A finished measure keeps its narrative; others are rewritten in about half the periods.
    const settled = status === "completed" || status === "discontinued";
    if (before && before.statusCode === status && (settled || random.chance(0.45))) {
      progress.push(before);
      continue;
    }
    progress.push(narrate(random, vocabulary, localize, status));
  }
  return { roadmap, progress };
}

function narrate(
  random: SeededRandom,
  vocabulary: Vocabulary,
  localize: (text: string) => string,
  status: PhraseStatus,
): GeneratedProgress {
  let narrative = localize(random.pick(vocabulary.phrases[status]));
  if (status === "in_progress" && random.chance(0.25))
    narrative = `${localize(random.pick(vocabulary.phrases.in_progress))} ${narrative}`;
  const figures: ConfirmedFigure[] = [];
  if ((status === "in_progress" || status === "completed") && random.chance(0.15)) {
    const figure = makeFigure(random, vocabulary.units);
    narrative = `${narrative}（${figure.text}）`;
    figures.push(figure);
  }
  return { narrative, statusCode: status, figures };
}

/** A figure as the model prints them: 「35電停中19電停」, 「6,441人」, 「約120件」. */
function makeFigure(random: SeededRandom, units: string[]): ConfirmedFigure {
  const unit = units.length > 0 ? random.pick(units) : "件";
  const kind = random.int(0, 2);
  if (kind === 0) {
    const total = random.int(5, 60);
    const value = random.int(1, total);
    return { value, total, unit, qualifier: null, text: `${total}${unit}中${value}${unit}` };
  }
  const value = random.int(10, 20_000);
  const digits = value.toLocaleString("en-US");
  return kind === 1
    ? { value, total: null, unit, qualifier: null, text: `${digits}${unit}` }
    : { value, total: null, unit, qualifier: "約", text: `約${digits}${unit}` };
}

function choose(
  random: SeededRandom,
  options: Array<[PhraseStatus, number]>,
  otherwise: PhraseStatus,
): PhraseStatus {
  let roll = random.next();
  for (const [status, p] of options) {
    if (roll < p) return status;
    roll -= p;
  }
  return otherwise;
}
