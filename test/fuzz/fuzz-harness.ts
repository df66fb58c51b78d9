import type { TestContext } from "node:test";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { ShinchokuError } from "../../src/domain/errors.ts";

/**
 * The seed every fuzz property starts from: `SHINCHOKU_FUZZ_SEED`, or a fixed default so that
 * CI runs the same cases every time. A failure prints the seed and fast-check's path; run the
 * test file again with `SHINCHOKU_FUZZ_SEED=… SHINCHOKU_FUZZ_PATH=…` to replay just that case.
 */
export const FUZZ_SEED = integerFromEnv("SHINCHOKU_FUZZ_SEED") ?? 20130930;
const FUZZ_PATH = process.env.SHINCHOKU_FUZZ_PATH || undefined;
/** `SHINCHOKU_FUZZ_SCALE=10` runs ten times the cases (a long run on a developer's machine). */
const FUZZ_SCALE = integerFromEnv("SHINCHOKU_FUZZ_SCALE") ?? 1;

/** A case that takes longer than this fails its property: no input may make a reader hang. */
export const CASE_LIMIT_MS = 10_000;
/** A case still running after this long is a hang: the watchdog ends the test process. */
const HANG_LIMIT_MS = 30_000;

function integerFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${text} is not an integer`);
  return n;
}

/** What became of one generated input. */
export type FuzzOutcome = "imported" | "rejected";

/**
 * Run a reader on `input` and classify the result: "imported" when it returns, "rejected" when
 * it throws a `ShinchokuError` that `hasLocation` accepts. Anything else — another exception, a
 * ShinchokuError without a location, a case over the time bound — throws, failing the property.
 */
export async function guardedCase(
  run: () => unknown,
  hasLocation: (error: ShinchokuError) => boolean,
): Promise<FuzzOutcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = run();
    if (result instanceof Promise) {
      const overtime = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the case ran over ${CASE_LIMIT_MS} ms`)),
          CASE_LIMIT_MS,
        );
      });
      await Promise.race([result, overtime]);
    }
    return overtime(started, "imported");
  } catch (error) {
    if (!(error instanceof ShinchokuError)) throw error;
    if (!hasLocation(error))
      throw new Error(
        `rejected without a location: ${JSON.stringify(error.location)} ${error.message}`,
      );
    return overtime(started, "rejected");
  } finally {
    clearTimeout(timer);
  }
}

function overtime(started: number, outcome: FuzzOutcome): FuzzOutcome {
  const took = performance.now() - started;
  if (took > CASE_LIMIT_MS) throw new Error(`the case took ${Math.round(took)} ms`);
  return outcome;
}

/**
 * Check a property over `runs` generated inputs (times `SHINCHOKU_FUZZ_SCALE`) from the fixed
 * seed, under a watchdog, and print one line of counts into the test output, e.g.
 * `fuzz: report-text 10000 cases (8123 imported, 1877 rejected with a location), seed 20130930`.
 * @example await fuzz(t, "report-text", 10_000, arbitrary, (input) => guardedCase(() => read(input), hasLine));
 */
export async function fuzz<T>(
  t: TestContext,
  name: string,
  runs: number,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => Promise<FuzzOutcome>,
): Promise<void> {
  const counts: Record<FuzzOutcome, number> = { imported: 0, rejected: 0 };
  const numRuns = runs * FUZZ_SCALE;
  const watchdog = startWatchdog(name);
  let index = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        watchdog.started(index++);
        try {
          counts[await check(input)]++;
        } finally {
          watchdog.finished();
        }
      }),
      {
        seed: FUZZ_SEED,
        numRuns,
        includeErrorInReport: true,
        ...(FUZZ_PATH ? { path: FUZZ_PATH } : {}),
      },
    );
  } catch (error) {
    // fast-check's message names the seed and path; say how to replay with ours.
    const path = /path: "([^"]*)"/u.exec(String((error as Error).message))?.[1];
    throw new Error(
      `fuzz ${name} failed; replay with SHINCHOKU_FUZZ_SEED=${FUZZ_SEED}${path ? ` SHINCHOKU_FUZZ_PATH=${path}` : ""}\n${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await watchdog.stop();
  }
  const total = counts.imported + counts.rejected;
  const line = `fuzz: ${name} ${total} cases (${counts.imported} imported, ${counts.rejected} rejected with a location), seed ${FUZZ_SEED}${FUZZ_PATH ? ` path ${FUZZ_PATH}` : ""}`;
  // A diagnostic: scripts/run-tests.ts (spec reporter) shows it as an "ℹ fuzz: …" line.
  t.diagnostic(line);
}

/**
 * A thread that watches the case in progress. A reader stuck in a loop blocks this thread's
 * event loop, so no timer here could stop it; the watchdog thread writes the seed and the case
 * to stderr and ends the process, which fails the test file instead of hanging CI.
 */
function startWatchdog(name: string) {
  const shared = new SharedArrayBuffer(16);
  const state = new Float64Array(shared);
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     const { writeSync } = require("node:fs");
     const state = new Float64Array(workerData.shared);
     setInterval(() => {
       const [startedAt, index] = state;
       if (startedAt > 0 && Date.now() - startedAt > workerData.limit) {
         writeSync(2, "fuzz " + workerData.name + ": case " + index + " ran over " + workerData.limit +
           " ms (a hang); replay with SHINCHOKU_FUZZ_SEED=" + workerData.seed +
           " SHINCHOKU_FUZZ_PATH=" + index + "\\n");
         process.kill(process.pid, "SIGKILL");
       }
     }, 1000);`,
    {
      eval: true,
      execArgv: [],
      workerData: { shared, limit: HANG_LIMIT_MS, name, seed: FUZZ_SEED },
    },
  );
  worker.unref();
  return {
    started(index: number) {
      state[1] = index;
      state[0] = Date.now();
    },
    finished() {
      state[0] = 0;
    },
    stop: () => worker.terminate(),
  };
}
