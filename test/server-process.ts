import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  base: string;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
}

/**
 * `shinchoku serve --port 0` as its own process on the store at `url` (what a deployment runs),
 * resolved once its JSON start line names the address it listens on.
 * @example const server = await startServerProcess(store.url); server.child.kill("SIGKILL");
 */
export async function startServerProcess(url: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["bin/shinchoku.js", "serve", "--port", "0"], {
    cwd: ROOT,
    // info: the start line carries the address.
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /"url":"(http:\/\/[\d.]+:\d+)\/"/u.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { child, base, exited };
}
