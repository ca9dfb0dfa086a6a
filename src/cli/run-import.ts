import { existsSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { PlantonError } from "../core/planton-error";
import { hasErrors, type Problem } from "../core/problem";
import { planAdoption, type AdoptionRequest } from "../adopt/plan-adoption";
import type * as ReadKeyFacts from "../aws/read-key-facts";
import { openStack } from "../engine/open-stack";
import { removeStack } from "../engine/remove-stack";
import { runOperation } from "../engine/run-operation";
import type * as CreateProgram from "../program/create-program";
import type { Adoption } from "../program/program-options";
import { verboseEngineOutput } from "./engine-output-lines";
import { ExitCode, reportError } from "./exit";
import type { StackFlags } from "./flags";
import { onInterrupt } from "./interrupt";
import type { Io } from "./io";
import { loadManifests } from "./load-manifests";
import { openExistingStack } from "./open-existing-stack";
import { followProgress } from "./print-progress";
import { printProblems, type ColorFlags } from "./print-problems";
import { resolveStackTargets, type StackTarget } from "./resolve-stack-options";

/** `planton import`'s options once flags are parsed. */
export interface ImportOptions extends ColorFlags {
  /** Key id, key ARN, alias name or alias ARN. */
  readonly keyId: string;
  readonly region?: string;
  readonly name?: string;
  readonly org?: string;
  readonly env?: string;
  readonly stackFlags: StackFlags;
  /** Write the manifest here instead of stdout. */
  readonly out?: string;
  /** `text` prints the manifest; `json` one document with the manifest and the stack. */
  readonly output: "text" | "json";
  readonly verbose: boolean;
}

/**
 * Adopts a live KMS key into a new planton stack: reads it (AWS SDK), plans the adoption (the
 * manifest that keeps it as it is, or the reasons it cannot be adopted), loads that manifest
 * through the same pipeline as any other, imports the key, its alias and its replicas through
 * the engine, and prints the manifest (stdout or `--out`). A refusal writes nothing: no stack,
 * no file.
 */
export async function runImport(options: ImportOptions, io: Io): Promise<ExitCode> {
  try {
    const result = await adopt(options, io);
    if (options.out !== undefined) writeFileSync(resolve(io.cwd, options.out), result.text, { flag: "wx" });
    for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
    if (options.output === "json") {
      io.stdout.write(`${JSON.stringify({ imported: true, stack: result.stack, keyId: result.keyId, keyArn: result.keyArn, region: result.region, file: options.out ?? null, manifest: result.text, notes: result.notes }, null, 2)}\n`);
    } else if (options.out === undefined) {
      io.stdout.write(result.text);
    }
    io.stderr.write(`imported ${result.keyArn} into stack ${result.stack}${options.out !== undefined ? `; manifest written to ${options.out}` : ""}\n`);
    return ExitCode.ok;
  } catch (err) {
    if (options.output === "json") io.stdout.write(`${JSON.stringify({ imported: false, error: errorDocument(err) }, null, 2)}\n`);
    return reportError(err, io, options.verbose);
  }
}

interface Adopted {
  readonly stack: string;
  readonly keyId: string;
  readonly keyArn: string;
  readonly region: string;
  readonly text: string;
  readonly notes: readonly string[];
}

async function adopt(options: ImportOptions, io: Io): Promise<Adopted> {
  const region = regionOf(options, io.env);
  const endpointUrl = options.stackFlags.endpointUrl ?? (io.env["AWS_ENDPOINT_URL_KMS"] || undefined);
  if (options.out !== undefined && existsSync(resolve(io.cwd, options.out))) {
    throw new PlantonError("usage", `cannot import the key ${options.keyId}: ${options.out} already exists`, { hint: "pass --out with a new file name" });
  }
  // The AWS SDK is loaded here and nowhere else: validate, init and policy never pay for it.
  const { readKeyFacts } = require("../aws/read-key-facts") as typeof ReadKeyFacts;
  const facts = await readKeyFacts({
    keyId: options.keyId,
    region,
    ...(options.stackFlags.profile !== undefined ? { profile: options.stackFlags.profile } : {}),
    ...(endpointUrl !== undefined ? { endpointUrl } : {}),
  });
  const request: AdoptionRequest = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.org !== undefined ? { org: options.org } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(aliasIn(options.keyId) !== undefined ? { alias: aliasIn(options.keyId) } : {}),
  };
  const plan = planAdoption(facts, request);
  if (plan.kind === "refused") throw refusal(options.keyId, plan.problems);

  const file = options.out ?? `${plan.identity.name}.yaml`;
  const loaded = loadManifests({ files: ["-"] }, { readStdin: () => plan.manifest.text, cwd: io.cwd, env: io.env });
  const manifest = loaded.manifests[0];
  if (hasErrors(loaded.problems) || manifest === undefined) {
    printProblems(io, loaded.problems.map((p) => ({ ...p, file })), options);
    throw new PlantonError("refused", `cannot import the key ${options.keyId}: the manifest that would keep it as it is does not validate (see above); this key is out of planton's scope`);
  }
  const resolved = resolveStackTargets([{ ...manifest, file }], options.stackFlags, io.env, homedir());
  const target = resolved.targets[0];
  if (target === undefined) {
    printProblems(io, resolved.problems, options);
    throw new PlantonError("usage", `cannot import the key ${options.keyId}: no stack to import it into (see above)`);
  }
  for (const notice of resolved.notices) io.stderr.write(`${notice}\n`);
  await refuseExistingStack(target, options.keyId);
  await importIntoStack(target, plan.adoption, options, io);
  return { stack: target.stack, keyId: facts.keyId, keyArn: facts.arn, region, text: plan.manifest.text, notes: plan.manifest.notes };
}

/** `--region`, else the region of an ARN given as `--key-id`, else AWS_REGION, AWS_DEFAULT_REGION. */
function regionOf(options: ImportOptions, env: Io["env"]): string {
  const fromArn = /^arn:[^:]+:kms:([^:]+):/.exec(options.keyId)?.[1];
  if (fromArn !== undefined && options.region !== undefined && options.region !== fromArn) {
    throw new PlantonError("usage", `cannot import the key ${options.keyId}: its ARN is in ${fromArn} but --region says ${options.region}`);
  }
  const region = options.region ?? fromArn ?? (env["AWS_REGION"] || env["AWS_DEFAULT_REGION"] || undefined);
  if (region === undefined) throw new PlantonError("usage", `cannot import the key ${options.keyId}: no AWS region`, { hint: "pass --region, or set AWS_REGION" });
  return region;
}

/** The alias name in an alias name or alias ARN. */
function aliasIn(keyId: string): string | undefined {
  return /(?:^|:)(alias\/.+)$/.exec(keyId)?.[1];
}

function refusal(keyId: string, problems: readonly Problem[]): PlantonError {
  const [first, ...rest] = problems;
  const more = rest.map((p) => `also ${p.path}: ${p.message}`).join("\n  ");
  return new PlantonError("refused", `cannot import the key ${keyId}: ${first?.path}: ${first?.message}`, more !== "" ? { hint: more } : {});
}

/** planton import adopts into a new stack only: an existing one already manages some key. */
async function refuseExistingStack(target: StackTarget, keyId: string): Promise<void> {
  const existing = await openExistingStack(target);
  if (existing === undefined) return;
  existing.close();
  throw new PlantonError("refused", `cannot import the key ${keyId}: stack ${target.stack} already exists in ${target.backend.url}`, {
    hint: "planton import adopts a key into a new stack; pick another --name, --org, --env or --stack, or manage the key from that stack's manifest",
  });
}

/** Runs the adoption program (everything imported, nothing created but providers); a failed import leaves no stack. */
async function importIntoStack(target: StackTarget, adoption: Adoption, options: ImportOptions, io: Io): Promise<void> {
  const { createProgram } = require("../program/create-program") as typeof CreateProgram;
  const program = createProgram(target.manifest.key, {
    ...(target.aws.endpointUrl !== undefined ? { endpointUrl: target.aws.endpointUrl } : {}),
    ...(target.aws.profile !== undefined ? { profile: target.aws.profile } : {}),
    adopt: adoption,
  });
  const handle = await openStack({ stack: target.stack, backend: target.backend, envVars: target.envVars, program, mode: "create-or-select" });
  const interrupt = onInterrupt(io);
  const verbose = verboseEngineOutput(options, io);
  try {
    await followProgress(io, { doing: `importing into stack ${target.stack}` }, (onEvent) =>
      runOperation(handle, "update", { signal: interrupt.signal, interrupted: interrupt.interrupted, ...verbose.engine, onEvent }).finally(verbose.flush),
    );
  } catch (err) {
    await removeStack(handle).catch(() => undefined);
    throw err;
  } finally {
    interrupt.dispose();
    handle.close();
  }
}

function errorDocument(err: unknown): { message: string; hint?: string } {
  if (err instanceof PlantonError) return { message: err.message, ...(err.hint !== undefined ? { hint: err.hint } : {}) };
  return { message: err instanceof Error ? err.message : String(err) };
}
