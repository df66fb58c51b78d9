import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { bufferedOutput } from "./buffered-output.ts";
import { jsonLogger } from "./json-logger.ts";
import { requestLog } from "./request-log.ts";

const NOW = () => new Date("2026-11-24T03:00:00.000Z");

describe("the JSON logger", () => {
  it("writes one JSON object per line with time, level, message and fields", () => {
    const lines: string[] = [];
    jsonLogger("info", (line) => lines.push(line), NOW).info("started", { port: 3000 });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.endsWith("\n"));
    assert.deepEqual(JSON.parse(lines[0] ?? ""), {
      time: "2026-11-24T03:00:00.000Z",
      level: "info",
      msg: "started",
      port: 3000,
    });
  });

  it("leaves out the levels below the one configured, and everything when silent", () => {
    const lines: string[] = [];
    const warnOnly = jsonLogger("warn", (line) => lines.push(line), NOW);
    warnOnly.debug("d");
    warnOnly.info("i");
    warnOnly.warn("w");
    warnOnly.error("e");
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { msg: string }).msg),
      ["w", "e"],
    );
    const silent = jsonLogger("silent", (line) => lines.push(line), NOW);
    silent.error("never");
    assert.equal(lines.length, 2);
  });

  it("writes an error with its name, message and stack, and escapes what it is given", () => {
    const lines: string[] = [];
    jsonLogger("debug", (line) => lines.push(line), NOW).error("failed", {
      error: new TypeError("壊れた\n入力"),
      path: '/plans/"x"',
    });
    assert.equal(lines[0]?.split("\n").length, 2, "one line, newline in the message escaped");
    const entry = JSON.parse(lines[0] ?? "") as {
      error: { name: string; message: string; stack: string };
    };
    assert.equal(entry.error.name, "TypeError");
    assert.equal(entry.error.message, "壊れた\n入力");
    assert.match(entry.error.stack, /TypeError/u);
  });
});

describe("the request log", () => {
  it("logs method, path without the query, status and duration of every request", async () => {
    const lines: string[] = [];
    const app = new Hono();
    app.use(requestLog(jsonLogger("info", (line) => lines.push(line), NOW)));
    app.get("/plans/:slug", (c) => c.text("ok"));
    await app.request("/plans/431001-1?q=個人の検索語");
    await app.request("/nowhere");
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(entries.length, 2);
    assert.equal(entries[0]?.method, "GET");
    assert.equal(entries[0]?.path, "/plans/431001-1");
    assert.equal(entries[0]?.status, 200);
    assert.equal(typeof entries[0]?.ms, "number");
    assert.ok(!lines[0]?.includes("検索語"), "the query is not logged");
    assert.equal(entries[1]?.status, 404);
  });
});

describe("the request line", () => {
  it("is the JSON that info would write for the same fields, with the path escaped", () => {
    const direct: string[] = [];
    const general: string[] = [];
    const path = '/plans/x"y\\z/検索';
    jsonLogger("info", (line) => direct.push(line), NOW).request("GET", path, 304, 0.4);
    jsonLogger("info", (line) => general.push(line), NOW).info("request", {
      method: "GET",
      path,
      status: 304,
      ms: 0.4,
    });
    assert.equal(direct[0], general[0]);
    assert.equal((JSON.parse(direct[0] ?? "") as { path: string }).path, path);
  });

  it("is not written below info", () => {
    const lines: string[] = [];
    jsonLogger("warn", (line) => lines.push(line), NOW).request("GET", "/", 200, 1);
    assert.deepEqual(lines, []);
  });
});

describe("the buffered output", () => {
  it("writes the lines of a burst together, in order, once the interval has passed", async () => {
    const batches: string[] = [];
    const out = bufferedOutput({ intervalMs: 5, sink: (batch) => batches.push(batch) });
    out.write("a\n");
    out.write("b\n");
    assert.deepEqual(batches, [], "nothing written while the burst goes on");
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(batches, ["a\nb\n"]);
  });

  it("writes at once when the buffer is full, and everything left when flushed", () => {
    const batches: string[] = [];
    const out = bufferedOutput({ intervalMs: 60_000, maxChars: 4, sink: (b) => batches.push(b) });
    out.write("ab\n");
    out.write("cd\n");
    out.write("e\n");
    assert.deepEqual(batches, ["ab\ncd\n"]);
    out.flush();
    assert.deepEqual(batches, ["ab\ncd\n", "e\n"]);
    out.flush();
    assert.equal(batches.length, 2, "an empty buffer writes nothing");
  });
});

describe("the request log below info", () => {
  it("logs no request when the level is warn", async () => {
    const lines: string[] = [];
    const app = new Hono();
    app.use(requestLog(jsonLogger("warn", (line) => lines.push(line), NOW)));
    app.get("/", (c) => c.text("ok"));
    assert.equal((await app.request("/")).status, 200);
    assert.deepEqual(lines, []);
  });
});
