import { isPlantonError } from "../core/planton-error";
import type { ImportResult } from "../stack/import-key";
import { runJson, type RunJson } from "./run-json";

/** The `import --output json` document, on success and on failure. */
export interface ImportJson extends RunJson {
  readonly imported: boolean;
  /** The stack the key was imported into, its id, ARN and region: on success only. */
  readonly stack?: string;
  readonly keyId?: string;
  readonly keyArn?: string;
  readonly region?: string;
  /** `--out`, where the manifest was written; null when it went to this document only. */
  readonly file?: string | null;
  /** The manifest that keeps the key as it is (YAML text), and what the first apply will do. */
  readonly manifest?: string;
  readonly notes?: readonly string[];
  /** What to do about the error; null when there is none or it has no hint. */
  readonly hint: string | null;
}

/** The import as one JSON-ready document; the run-wide fields are those of every engine command. */
export function importJson(result: ImportResult, options: { readonly file?: string }): ImportJson {
  const { formatVersion, ...rest } = runJson(result);
  const hint = isPlantonError(result.error) && result.error.hint !== undefined ? result.error.hint : null;
  const key = result.imported;
  if (key === undefined) return { formatVersion, imported: false, ...rest, hint };
  return {
    formatVersion,
    imported: true,
    stack: key.stack,
    keyId: key.keyId,
    keyArn: key.keyArn,
    region: key.region,
    file: options.file ?? null,
    manifest: key.manifest,
    notes: key.notes,
    ...rest,
    hint,
  };
}
