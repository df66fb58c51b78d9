import type { GenerationProgress } from "./data-set-generator.ts";

export interface MeterOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Show a generation's progress on a stream (stderr): on a terminal a bar redrawn in place
 * (plans done / total, rows per second, time left), otherwise a plain line every few seconds,
 * so logs of a long run stay readable.
 * @example const meter = progressMeter(process.stderr); await generateDataSet(store, { …, onProgress: meter.update }); meter.done();
 */
export function progressMeter(
  output: MeterOutput,
  options: { clock?: () => number; everySeconds?: number } = {},
) {
  const clock = options.clock ?? (() => performance.now() / 1000);
  const every = options.everySeconds ?? (output.isTTY ? 0.2 : 10);
  let shown = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(progress: GenerationProgress): void {
      const at = clock();
      if (at - shown < every && progress.plansDone < progress.plansTotal) return;
      shown = at;
      const line = describeProgress(progress);
      if (output.isTTY) {
        output.write(`\r${line}\x1b[K`);
        drawn = true;
      } else output.write(`${line}\n`);
    },
    done(): void {
      if (drawn) output.write("\n");
      drawn = false;
    },
  };
}

/** 「[#####     ] 120/3482 計画 45,210 行/秒 残り 3分12秒」 */
export function describeProgress(p: GenerationProgress): string {
  const share = p.plansTotal === 0 ? 1 : p.plansDone / p.plansTotal;
  const width = 24;
  const filled = Math.round(share * width);
  const rate = p.seconds > 0 ? Math.round(p.rows / p.seconds) : 0;
  const left = share > 0 ? (p.seconds / share) * (1 - share) : 0;
  const eta = `${Math.floor(left / 60)}分${String(Math.round(left % 60)).padStart(2, "0")}秒`;
  return `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${p.plansDone}/${p.plansTotal} 計画 ${rate.toLocaleString("en-US")} 行/秒 残り ${eta}`;
}
