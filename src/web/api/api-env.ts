import type { ApiTokenHolder } from "../../commands/api/api-token-store.ts";

/** What the API's handlers know about a request: the token it carries, once authenticated. */
export type ApiEnv = { Variables: { token: ApiTokenHolder } };
