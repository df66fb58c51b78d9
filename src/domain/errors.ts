/**
 * The errors of the whole system, each with a stable id. They are mapped once to HTTP
 * (src/web) and to CLI exit codes (src/cli).
 */

export type ErrorId =
  | "invalid_input"
  | "invalid_report"
  | "duplicate_item"
  | "duplicate_period"
  | "unknown_relisting_source"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unauthenticated"
  | "throttled"
  | "invalid_state"
  | "invalid_config";

/** Where a problem is: a file, a line (1-based), a field. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  field?: string;
}

export class ShinchokuError extends Error {
  readonly id: ErrorId;
  readonly location: ErrorLocation;

  constructor(id: ErrorId, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = "ShinchokuError";
    this.id = id;
    this.location = location;
  }

  /** "FILE:LINE: field: message", as a compiler would print it. */
  describe(): string {
    const { file, line, field } = this.location;
    const where = [file, line === undefined ? undefined : String(line)].filter(Boolean).join(":");
    return [where, field, this.message].filter(Boolean).join(": ");
  }
}
