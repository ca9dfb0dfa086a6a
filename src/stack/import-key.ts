import { PlantonError } from "../core/planton-error";
import type { Problem } from "../core/problem";
import type { KeyFacts } from "../adopt/key-facts";
import { planAdoption, type AdoptionRequest } from "../adopt/plan-adoption";
import type { ReadKeyOptions } from "../aws/read-key-facts";
import type { Adoption } from "../program/program-options";
import type { RunReport } from "./run-report";
import { runStacks, type RunProblem, type StackContext, type StackOutcome } from "./run-stacks";
import type { StackSession } from "./stack-session";
import type { StackTargetOptions } from "./stack-targets";

/** Reads a live key (the AWS SDK in planton, a fake in tests). */
export type KeyReader = (options: ReadKeyOptions) => Promise<KeyFacts>;

/** What `importKey` is given from outside: the stack context, and how to read the live key. */
export interface ImportContext extends StackContext {
  readonly readKeyFacts: KeyReader;
}

/** Which key to adopt and how to name its manifest and stack. */
export interface ImportKeyOptions {
  /** Key id, key ARN, alias name or alias ARN. */
  readonly keyId: string;
  /** The key's region; else the region of an ARN, else AWS_REGION, AWS_DEFAULT_REGION. */
  readonly region?: string;
  readonly name?: string;
  readonly org?: string;
  readonly env?: string;
  readonly stackFlags: StackTargetOptions;
  /** `--out`: the new file the manifest goes to (written by the CLI); problems name it. */
  readonly file?: string;
}

/** The key as adopted: its stack and the manifest that keeps it as it is. */
export interface ImportedKey {
  readonly stack: string;
  readonly keyId: string;
  readonly keyArn: string;
  readonly region: string;
  /** The manifest, as YAML text. */
  readonly manifest: string;
  /** What the first apply will do to the key (planton's identity tags), aliases left outside. */
  readonly notes: readonly string[];
}

/** What an import came to: the adopted key, or the problems and the error that refused it. */
export interface ImportResult {
  readonly ok: boolean;
  readonly imported?: ImportedKey;
  /** Problems of the manifest the import would print (each one of them refuses the import). */
  readonly problems: readonly RunProblem[];
  readonly error?: unknown;
}

/**
 * Adopts a live KMS key into a new planton stack: reads it, plans the adoption (the manifest
 * that keeps it as it is, or the reasons it cannot be adopted), loads that manifest through the
 * same pipeline as any other, and imports the key, its alias and its replicas through the engine
 * in the frame every engine command runs in. A refusal or a failure leaves no stack behind.
 */
export async function importKey(options: ImportKeyOptions, ctx: ImportContext): Promise<ImportResult> {
  let adoption: Awaited<ReturnType<typeof adopt>>;
  try {
    adoption = await adopt(options, ctx);
  } catch (error) {
    ctx.report({ kind: "run-failed", error });
    return { ok: false, problems: [], error };
  }
  const file = options.file ?? `${adoption.name}.yaml`;
  // The manifest comes in as stdin would; its problems name the file it is meant for.
  const named = <P extends Problem>(problems: readonly P[]): P[] => problems.map((p) => (p.file === "-" ? { ...p, file } : p));
  const report = (r: RunReport): void => ctx.report(r.kind === "problems" ? { ...r, problems: named(r.problems) } : r);
  const run = await runStacks<ImportedKey>(
    // The key is adopted as it is: a warning about the AWS default policy it keeps would be noise.
    { command: "import", verb: "import into", judgesPolicy: false },
    { files: ["-"], stackFlags: options.stackFlags },
    { ...ctx, sources: { ...ctx.sources, readStdin: () => adoption.text }, report },
    (session) => importInto(session, options.keyId, adoption),
  );
  const problems = named(run.problems);
  const [result] = run.results;
  if (result === undefined) {
    const error = run.error ?? new PlantonError("refused", `cannot import the key ${options.keyId}: the manifest that would keep it as it is does not validate (see above); this key is out of planton's scope`);
    if (run.error === undefined) ctx.report({ kind: "run-failed", error });
    return { ok: false, problems, error };
  }
  if (!result.ok || result.detail === undefined) return { ok: false, problems, error: result.error };
  return { ok: true, imported: result.detail, problems };
}

interface PlannedAdoption {
  readonly name: string;
  readonly text: string;
  readonly notes: readonly string[];
  readonly adoption: Adoption;
  readonly facts: KeyFacts;
  readonly region: string;
}

/** Reads the key and plans its adoption; a key planton cannot adopt is a refusal. */
async function adopt(options: ImportKeyOptions, ctx: ImportContext): Promise<PlannedAdoption> {
  const env = ctx.sources.env;
  const region = regionOf(options, env);
  const endpointUrl = options.stackFlags.endpointUrl ?? (env["AWS_ENDPOINT_URL_KMS"] || undefined);
  const facts = await ctx.readKeyFacts({
    keyId: options.keyId,
    region,
    ...(options.stackFlags.profile !== undefined ? { profile: options.stackFlags.profile } : {}),
    ...(endpointUrl !== undefined ? { endpointUrl } : {}),
  });
  const alias = aliasIn(options.keyId);
  const request: AdoptionRequest = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.org !== undefined ? { org: options.org } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(alias !== undefined ? { alias } : {}),
  };
  const plan = planAdoption(facts, request);
  if (plan.kind === "refused") throw refusal(options.keyId, plan.problems);
  return { name: plan.identity.name, text: plan.manifest.text, notes: plan.manifest.notes, adoption: plan.adoption, facts, region };
}

/** `--region`, else the region of an ARN given as `--key-id`, else AWS_REGION, AWS_DEFAULT_REGION. */
function regionOf(options: ImportKeyOptions, env: Readonly<Record<string, string | undefined>>): string {
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

/**
 * Imports into a new stack only (an existing one already manages some key): runs the adoption
 * program, where everything is imported and nothing created but providers. A failed import
 * removes the stack it made, state only, so nothing is left behind.
 */
async function importInto(session: StackSession<ImportedKey>, keyId: string, planned: PlannedAdoption): Promise<StackOutcome> {
  const { target } = session;
  if ((await session.openExistingStack()) !== undefined) {
    throw new PlantonError("refused", `cannot import the key ${keyId}: stack ${target.stack} already exists in ${target.backend.url}`, {
      hint: "planton import adopts a key into a new stack; pick another --name, --org, --env or --stack, or manage the key from that stack's manifest",
    });
  }
  const stack = await session.openStack(planned.adoption);
  try {
    await session.run(stack, "update", `importing into stack ${target.stack}`);
  } catch (err) {
    await stack.remove().catch(() => undefined);
    throw err;
  }
  session.record({ stack: target.stack, keyId: planned.facts.keyId, keyArn: planned.facts.arn, region: planned.region, manifest: planned.text, notes: planned.notes });
  return { ok: true, changed: true };
}
