/** What the benchmark scripts (`npm run bench`, `npm run load`) share. */
import { type ChildProcess, spawnSync } from "node:child_process";

/** Resolves with the first match of `ready` (its group 1) in what a started server prints. */
export function announced(child: ChildProcess, ready: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no server started:\n${out}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const origin = ready.exec(out)?.[1];
      if (origin) {
        clearTimeout(timer);
        resolve(origin);
      }
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
}

/** The first line a tool prints about its version (nginx and wrk print it to stderr). */
export function versionOf(command: string, flag: string): string {
  const run = spawnSync(command, [flag], { encoding: "utf8" });
  return `${run.stdout}${run.stderr}`.split("\n")[0]?.trim() || command;
}

/** `text` with what stands between the two markers replaced by `report`. */
export function replaceBetweenMarkers(
  text: string,
  markers: readonly [string, string],
  report: string,
): string {
  const [from, to] = [text.indexOf(markers[0]), text.indexOf(markers[1])];
  if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${markers.join(" … ")}`);
  return `${text.slice(0, from + markers[0].length)}\n${report}\n${text.slice(to)}`;
}
