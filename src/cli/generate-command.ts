import { parseArgs } from "node:util";
import { generateDataSet } from "../generate/data-set-generator.ts";
import { MAX_ORGANIZATIONS } from "../generate/organization-generator.ts";
import { progressMeter } from "../generate/progress-meter.ts";
import { openConfiguredStore } from "./database-url.ts";
import { standardError } from "./standard-streams.ts";

const LIMITS = {
  orgs: [1, MAX_ORGANIZATIONS],
  "plans-per-org": [1, 20],
  periods: [1, 40],
  seed: [0, 4294967295],
  "from-year": [1989, 2100],
} as const;

type Limited = keyof typeof LIMITS;

/**
 * `shinchoku generate --orgs N [--plans-per-org P] [--periods K] [--seed S] [--from-year Y]
 * [--json] [--quiet]`: a deterministic national data set (src/generate/) written into the
 * store, for demonstrations and benchmarks. Progress on stderr; a summary line (or `--json`)
 * on stdout with the rows per second.
 */
export async function generateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      orgs: { type: "string" },
      "plans-per-org": { type: "string", default: "2" },
      periods: { type: "string", default: "8" },
      seed: { type: "string", default: "1" },
      "from-year": { type: "string", default: "2013" },
      json: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) {
    console.error(`shinchoku generate: 余分な引数「${positionals.join(" ")}」があります`);
    return 2;
  }
  if (values.orgs === undefined) {
    console.error(
      "shinchoku generate: 生成する団体の数を --orgs N で指定してください（全国は 1741）",
    );
    return 2;
  }
  const numbers = {} as Record<Limited, number>;
  for (const name of Object.keys(LIMITS) as Limited[]) {
    const [min, max] = LIMITS[name];
    const text = String(values[name] ?? "")
      .normalize("NFKC")
      .trim();
    const value = /^\d+$/u.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) {
      console.error(
        `shinchoku generate: --${name} は ${min} から ${max} までの整数で指定してください（「${values[name]}」）`,
      );
      return 2;
    }
    numbers[name] = value;
  }

  const store = await openConfiguredStore();
  const meter = progressMeter(standardError());
  try {
    const summary = await generateDataSet(store, {
      organizations: numbers.orgs,
      plansPerOrganization: numbers["plans-per-org"],
      periods: numbers.periods,
      seed: numbers.seed,
      fromYear: numbers["from-year"],
      ...(values.quiet || values.json ? {} : { onProgress: meter.update }),
    });
    meter.done();
    if (values.json) console.log(JSON.stringify({ dialect: store.dialect, ...summary }));
    else {
      const n = (x: number) => x.toLocaleString("en-US");
      console.log(
        `生成しました: 団体 ${n(summary.organizations)}、計画 ${n(summary.plans)}、取組 ${n(summary.measures)}、進捗 ${n(summary.progressRows)} 行、指標 ${n(summary.indicators)}、合計 ${n(summary.rows)} 行、${summary.seconds} 秒（${n(summary.rowsPerSecond)} 行/秒）（${store.description}）`,
      );
    }
    return 0;
  } finally {
    meter.done();
    await store.close();
  }
}
