/**
 * A node:test reporter that adds up, per test file, the time of its top-level tests and suites,
 * and writes them as JSON lines to its destination: `{"file": "…", "seconds": 12.3}`. The test
 * runner prints the slowest files from it, so a slow run says where its time went. Plain JavaScript: node
 * loads reporters without the TypeScript hooks.
 */
/** @param {AsyncIterable<{ type: string, data: { nesting?: number, file?: string, details?: { duration_ms?: number } } }>} source */
export default async function* fileTimes(source) {
  const seconds = new Map();
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { nesting, file, details } = event.data;
    if (nesting !== 0 || !file) continue;
    seconds.set(file, (seconds.get(file) ?? 0) + (details?.duration_ms ?? 0) / 1000);
  }
  for (const [file, s] of seconds)
    yield `${JSON.stringify({ file, seconds: Math.round(s * 10) / 10 })}\n`;
}
