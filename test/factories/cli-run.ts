import { mock } from "node:test";
import { importCommand } from "../../src/cli/import-command.ts";

/**
 * `shinchoku import ARGS` run in this process against the store at `url` (DATABASE_URL), with
 * what it prints captured: starting the executable costs seconds per run.
 * @example const { status, stdout } = await runImportCommand(["plan.xlsx", "--as", "nursery"], store.url);
 */
export async function runImportCommand(
  args: string[],
  url: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  const out: string[] = [];
  const err: string[] = [];
  const log = mock.method(console, "log", (...parts: unknown[]) => out.push(parts.join(" ")));
  const error = mock.method(console, "error", (...parts: unknown[]) => err.push(parts.join(" ")));
  try {
    const status = await importCommand(args);
    return { status, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    log.mock.restore();
    error.mock.restore();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}
