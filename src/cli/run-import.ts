import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { PlantonError } from "../core/planton-error";
import type * as ReadKeyFacts from "../aws/read-key-facts";
import type { Engine } from "../engine/engine";
import { importJson } from "../render/import-json";
import { importKey, type ImportContext, type ImportKeyOptions, type ImportResult, type KeyReader } from "../stack/import-key";
import { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import type { ColorFlags } from "./print-problems";
import { reportPrinter } from "./print-run";
import { stackContext } from "./run-stacks";

/** `planton import`'s options once flags are parsed. */
export interface ImportOptions extends ColorFlags, ImportKeyOptions {
  /** `text` prints the manifest; `json` one document with the manifest and the stack. */
  readonly output: "text" | "json";
  readonly verbose: boolean;
}

/**
 * Adopts a live KMS key into a new planton stack (importKey) and prints the manifest that keeps
 * it as it is: on stdout, or into the new file `--out` names (`-o json`: one document, on
 * failure too). A refusal writes nothing: no stack, no file.
 */
export async function runImport(options: ImportOptions, io: Io, engine: Engine, readKey: KeyReader = readKeyFactsOnUse): Promise<ExitCode> {
  const report = reportPrinter(io, options, () => undefined);
  const result = await importUnlessOutExists(options, { ...stackContext(io, engine, options, report), readKeyFacts: readKey }, io);
  const key = result.imported;
  if (key !== undefined && options.file !== undefined) writeFileSync(resolve(io.cwd, options.file), key.manifest, { flag: "wx" });
  for (const note of key?.notes ?? []) io.stderr.write(`note: ${note}\n`);
  const data = importJson(result, options);
  printDocument(io, options.output, { data, ...(key !== undefined && options.file === undefined ? { text: key.manifest } : {}) });
  if (key !== undefined) io.stderr.write(`imported ${key.keyArn} into stack ${key.stack}${options.file !== undefined ? `; manifest written to ${options.file}` : ""}\n`);
  return result.ok ? ExitCode.ok : ExitCode.failure;
}

/** `--out` names a new file: an existing one is refused before anything is read or imported. */
async function importUnlessOutExists(options: ImportOptions, ctx: ImportContext, io: Io): Promise<ImportResult> {
  if (options.file !== undefined && existsSync(resolve(io.cwd, options.file))) {
    const error = new PlantonError("usage", `cannot import the key ${options.keyId}: ${options.file} already exists`, { hint: "pass --out with a new file name" });
    ctx.report({ kind: "run-failed", error });
    return { ok: false, problems: [], error };
  }
  return importKey(options, ctx);
}

/** Reads the key with the AWS SDK, loaded here on first use and nowhere else: validate, init and policy never pay for it. */
const readKeyFactsOnUse: KeyReader = (request) => (require("../aws/read-key-facts") as typeof ReadKeyFacts).readKeyFacts(request);
