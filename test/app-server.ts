import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Store } from "../src/store/store.ts";
import { type AppOptions, createApp } from "../src/web/app.ts";

/**
 * The app served over HTTP on a free port of 127.0.0.1, for a browser to visit.
 * @example const server = await startAppServer(store); await page.goto(`${server.origin}/`); await server.close();
 */
export async function startAppServer(
  store: Store,
  options: AppOptions = {},
): Promise<{ origin: string; close(): Promise<void> }> {
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve(
      { fetch: createApp(store, options).fetch, port: 0, hostname: "127.0.0.1" },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
