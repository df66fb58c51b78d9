import { DEFAULT_STATUS_SCHEME } from "./status-scheme.ts";

/**
 * Status rules: which words of a Japanese progress narrative suggest which status (状況区分).
 * The rules are data, so a plan with another scheme (◎達成済・○取組中, A–D…) brings its own set;
 * these fit the default scheme (完了 / 実施中 / 検討・準備中 / 未着手 / 中止). Pure, no I/O.
 *
 * How a narrative with several clauses is decided (「…設置済 …協議を実施」):
 * 1. Every rule's patterns are matched; where matches overlap, the higher priority wins, then
 *    the longer one (「2件助成済」 over 「済」, 「供用開始」 (done) over 「開始」 (under way)).
 * 2. A decisive status (中止) decides alone: a measure called off is called off, whatever was
 *    done before.
 * 3. Otherwise the measure is the sum of its parts. Parts all at one stage give that stage. Parts
 *    at different stages (this year's share 完了, next year's 準備中) mean the measure is under way
 *    as a whole: `mixed` (実施中) when any part is done or under way, otherwise the most advanced
 *    stage present (未着手 with 検討中 gives 検討・準備中).
 * 4. No match: `null` (shown as `unknown`). The rules never guess from the absence of words.
 * Neither the last clause alone nor the least advanced part alone fits how reports are written:
 * 「35電停中19電停が改良済 …改良工事を実施予定」 is under way, not in preparation.
 *
 * Words in the future (「完了に向け」, 「完成する予定」, 「開始の準備中」) are not done or started.
 * A count right before …済 (「10企業が立地済」, 「2回実施済」) is a running tally: under way, not done.
 */
export interface StatusRule {
  /** Stable id, shown in explanations and in `suggest-status --json`. */
  id: string;
  /** A status code of the scheme the rules are for. */
  status: string;
  /** What the rule recognises, in Japanese (for the explanation shown to a person). */
  description: string;
  /** Regular expressions (without flags; matched globally with the `u` flag). */
  patterns: readonly RegExp[];
  /** Wins over lower priorities where matches overlap. */
  priority: number;
}

export interface StatusRuleSet {
  rules: readonly StatusRule[];
  /** Statuses that decide alone when any of their rules matches. */
  decisive: readonly string[];
  /** The stages of work from not begun to done, for combining parts at different stages. */
  stages: readonly string[];
  /** The status of a measure whose parts are at different stages, some done or under way. */
  mixed: string;
}

export interface StatusMatch {
  text: string;
  start: number;
  end: number;
  /** The id of the rule that matched. */
  rule: string;
  status: string;
}

export interface StatusSuggestion {
  /** A status code of the scheme, or null where no rule applies (`unknown`). */
  status: string | null;
  matched: StatusMatch[];
  /** Why, in Japanese: which words suggested which status and how they were combined. */
  reason: string;
}

// A word is in the future when what follows says so; then it is neither done nor started.
const NOT_FUTURE = "(?!に向|を目指|の準備|のため|する予定|予定|見込|には至|に至)";
// Where a word ends a clause, or goes on with a conjunctive form (…し、 …するとともに).
const END_ACTION = "(?=$|[\\s、。，,()（）]|し(?!た)|する(?:とともに|ほか|など)|して)";
const END_DONE = "(?=$|[\\s、。，,()（）]|し|さ[れせ]|する|とな|であ)";
const END_ONGOING = "(?=$|[\\s、。，,()（）]|で[あす])";
// A number as figures are written (6,441 / 3万1千 / full-width digits).
const NUMBER =
  "(?<![0-9０-９,，.．])[0-9０-９][0-9０-９,，.．]*(?:[万千百億][0-9０-９]*)*(?![0-9０-９])";

const re = (source: string) => new RegExp(source, "u");

export const DEFAULT_STATUS_RULES: StatusRuleSet = {
  rules: [
    {
      id: "discontinued",
      status: "discontinued",
      description: "中止・休止・凍結・断念、または廃止が決定",
      patterns: [
        re(
          "(?:中止|休止|凍結|断念|見送り|取りやめ|取り止め)(?:[がを]決定|が決ま[っり]|とな[っりる])?(?!を検討|の検討|も視野|するか)",
        ),
        re("廃止(?:する(?:こと)?)?[がと](?:決定|決ま|な[っりる])"),
      ],
      priority: 100,
    },
    {
      id: "running-tally",
      status: "in_progress",
      description: "件数の後の「…済」（これまでの累計）",
      patterns: [
        re(`${NUMBER}(?![年月日時])[^\\s、。0-9０-９]{0,3}?(?:以上|以下)?[がをに]?[一-龥]{1,4}済`),
      ],
      priority: 60,
    },
    {
      id: "done",
      status: "completed",
      description: "「…済」「完了」「完成」「終了」「施行」「開設」「拡大」など",
      patterns: [
        re("(?<![経返決救弁未])済み?"),
        re(
          `(?:完了|完成|終了|竣工|実現|達成|締結|施行|開所|開校|開設|供用開始)${NOT_FUTURE}${END_DONE}`,
        ),
        // A change of scale reported at a clause's end has happened (「助成対象を拡大」).
        re(`(?:拡大|拡充|増員|増設|人員増)${NOT_FUTURE}${END_DONE}`),
      ],
      priority: 50,
    },
    {
      id: "not-started",
      status: "not_started",
      description: "「未着手」「未実施」「着手前」",
      patterns: [re("未着手|未実施|着手前|(?:着手|実施)して(?:い)?ない|手つかず")],
      priority: 45,
    },
    {
      id: "preparing",
      status: "preparing",
      description: "「検討中」「準備中」「調整中」「協議中」「策定中」「…予定」など",
      patterns: [
        re(
          `(?:検討|準備|調整|協議|審議|交渉|要望|策定|作成|選定|抽出|調査|分析|研究|立案|見直し(?:・[一-龥]{1,4})?(?:作業)?)中${END_ONGOING}`,
        ),
        re("予定(?![地者])"),
      ],
      priority: 45,
    },
    {
      id: "under-way",
      status: "in_progress",
      description: "「実施中」「推進中」「展開中」「運用中」「取り組み中」など「…中」",
      patterns: [
        re(
          `(?<![0-9０-９一-龥ァ-ヶー])(?:取り?組み|[一-龥ァ-ヶー]{2,10})(?<!年度|期間|会期|年内)中${END_ONGOING}`,
        ),
      ],
      priority: 40,
    },
    {
      id: "carried-out",
      status: "in_progress",
      description: "「…を実施」「推進」「支援」「開始」「着手」「進捗」など",
      patterns: [
        re(`(?:実施|推進|支援|促進|展開|運用|運営|運行|提供|活用|開始)${NOT_FUTURE}${END_ACTION}`),
        re(`(?:着手|着工)${NOT_FUTURE}(?=$|[\\s、。，,()（）]|し|さ[れせ])`),
        re(`(?:進捗|進行)${END_ACTION}`),
        re("取り?組(?:む|んで)"),
      ],
      priority: 40,
    },
  ],
  decisive: ["discontinued"],
  stages: ["not_started", "preparing", "in_progress", "completed"],
  mixed: "in_progress",
};

const statusName = (code: string) =>
  DEFAULT_STATUS_SCHEME.find((s) => s.code === code)?.name ?? code;

/** Every match of every rule, overlaps resolved by priority then length, in text order. */
function findMatches(narrative: string, rules: readonly StatusRule[]): StatusMatch[] {
  const candidates: Array<StatusMatch & { priority: number }> = [];
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      for (const m of narrative.matchAll(new RegExp(pattern.source, "gu"))) {
        const start = m.index;
        const end = start + m[0].length;
        if (end === start) continue;
        candidates.push({
          text: m[0],
          start,
          end,
          rule: rule.id,
          status: rule.status,
          priority: rule.priority,
        });
      }
    }
  }
  candidates.sort(
    (a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: StatusMatch[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push({ text: c.text, start: c.start, end: c.end, rule: c.rule, status: c.status });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Suggests a status for a progress narrative and says which words made the suggestion.
 * A person confirms or overrides it; `null` means no rule applies.
 * @example suggestStatus("平成24年4月1日付けで設置済").status // "completed"
 * @example suggestStatus("平成25年度分については移譲完了 平成26年度分の路線移譲に向け準備中").status // "in_progress"
 * @example suggestStatus("整備中止が決定").status // "discontinued"
 */
export function suggestStatus(
  narrative: string,
  rules: StatusRuleSet = DEFAULT_STATUS_RULES,
): StatusSuggestion {
  const matched = findMatches(narrative, rules.rules);
  if (matched.length === 0) {
    const reason =
      narrative.trim() === ""
        ? "進捗状況が空のため、判定しません"
        : "状況を示す語句が見つからないため、判定しません";
    return { status: null, matched, reason };
  }
  const words = (list: StatusMatch[]) => list.map((m) => `「${m.text}」`).join("");
  const decisive = matched.filter((m) => rules.decisive.includes(m.status));
  if (decisive.length > 0) {
    const status = decisive[0]?.status ?? null;
    const name = statusName(status ?? "");
    return { status, matched, reason: `${words(decisive)}が${name}を示すため、${name}` };
  }
  const present = [...new Set(matched.map((m) => m.status))];
  if (present.length === 1) {
    const name = statusName(present[0] ?? "");
    return {
      status: present[0] ?? null,
      matched,
      reason: `${words(matched)}が${name}を示すため、${name}`,
    };
  }
  const stage = (code: string) => rules.stages.indexOf(code);
  const mixedStage = stage(rules.mixed);
  const status = present.some((code) => stage(code) >= mixedStage)
    ? rules.mixed
    : present.reduce((a, b) => (stage(b) > stage(a) ? b : a));
  const parts = present
    .map((code) => `${words(matched.filter((m) => m.status === code))}（${statusName(code)}）`)
    .join("と");
  return {
    status,
    matched,
    reason: `${parts}: 段階の異なる部分があるため、全体として${statusName(status)}`,
  };
}
