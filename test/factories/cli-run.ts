import { Readable, Writable } from "node:stream";
import { mock } from "node:test";
import { format } from "node:util";
import { importCommand } from "../../src/cli/import-command.ts";
import { runCli as runCliInProcess } from "../../src/cli/run-cli.ts";
import { replaceStandardStreams } from "../../src/cli/standard-streams.ts";

/** What a run of the command line left: its exit code and what it wrote, like spawnSync's. */
export interface CliRun {
  status: number;
  stdout: string;
  /** Standard output as written, byte for byte (a CSV's BOM and CRLF). */
  stdoutBytes: Buffer;
  stderr: string;
}

/**
 * `shinchoku ARGS` run in this process (runCli of src/cli/run-cli.ts, what bin/shinchoku.js runs),
 * with what it prints captured: starting the executable costs seconds per run, since tsx compiles
 * the whole source graph again. For the duration of the call:
 * - `env` sets environment variables (DATABASE_URL, SHINCHOKU_BACKUP_KEY…); `undefined` removes
 *   one. They are restored afterwards.
 * - what the command writes is captured: console.log/console.error (replaced for the call) and
 *   the streams of src/cli/standard-streams.ts (what commands use instead of process.stdout,
 *   process.stderr and process.stdin; process.stdout.write itself is left alone, since the test
 *   runner reports through it).
 * - `stdin` is the text the command reads as standard input (empty when not given).
 * The capture is global to the process, which is safe because commands run one at a time in a
 * test process: a test awaits one run before starting the next; never run two at once (no
 * Promise.all over runCli).
 * What truly needs a process (the exit of the executable, a closed pipe, a signal) stays a
 * spawned run of bin/shinchoku.js.
 * @example const { status, stdout } = await runCli(["token", "list", "--as", "admin"], { env: { DATABASE_URL: store.url } });
 */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<CliRun> {
  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const line = (parts: unknown[]) => Buffer.from(`${format(...parts)}\n`);
  const into = (chunks: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
  const mocks = [
    mock.method(console, "log", (...parts: unknown[]) => out.push(line(parts))),
    mock.method(console, "error", (...parts: unknown[]) => err.push(line(parts))),
  ];
  const restoreStreams = replaceStandardStreams({
    input: Readable.from([Buffer.from(options.stdin ?? "")]),
    output: into(out),
    error: into(err),
  });
  try {
    const status = await runCliInProcess(args);
    const stdoutBytes = Buffer.concat(out);
    return {
      status,
      stdout: stdoutBytes.toString("utf8"),
      stdoutBytes,
      stderr: Buffer.concat(err).toString("utf8"),
    };
  } finally {
    restoreStreams();
    for (const m of mocks) m.mock.restore();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

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
