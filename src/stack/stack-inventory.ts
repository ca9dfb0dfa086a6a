import { statSync } from "node:fs";
import { resolve } from "node:path";
import { hasErrors } from "../core/problem";
import type { ListStacksOptions, StackListing } from "../engine/engine";
import type { StackLock } from "../engine/stack-lock";
import { stackName } from "../engine/stack-name";
import { unlockCommand } from "../engine/unlock-command";
import { loadManifests, type LoadManifestsOptions } from "./load-manifests";
import type { RunProblem, StackContext, StacksRun } from "./run-stacks";
import { stackLocation, type StackLabel, type StackTargetOptions } from "./stack-targets";

/** One stack in the backend, as `planton stacks` shows it. */
export interface InventoryEntry {
  readonly stack: string;
  /** From the stack's outputs; absent when it holds no key (never applied, or destroyed). */
  readonly keyId?: string;
  readonly region?: string;
  /** The end of its last update (ISO 8601). */
  readonly lastUpdate?: string;
  /** The manifest that claims it, when manifests were given and one does. */
  readonly claimedBy?: Omit<StackLabel, "stack">;
  /** Manifests were given, none claims the stack, and it still holds resources: its key is live and billed. */
  readonly orphaned: boolean;
  /** Who holds the stack's lock (`planton stacks` reads them; absent when none). */
  readonly locks?: readonly StackLock[];
}

/** `planton stacks`' options: optional manifests (`-f`) that claim stacks, and where state lives. */
export interface InventoryOptions extends LoadManifestsOptions {
  readonly stackFlags: StackTargetOptions;
}

/** The stacks in the backend, by name, with the problems of the manifests given. */
export interface Inventory {
  readonly stacks: readonly InventoryEntry[];
  readonly problems: readonly RunProblem[];
  /** Why the backend could not be listed. */
  readonly error?: unknown;
  /** True when manifests were given, so `orphaned` means something. */
  readonly checked: boolean;
  readonly ok: boolean;
  /** The backend listed (absent when it was never reached). */
  readonly backendUrl?: string;
}

/** What inventory needs from outside: the engine, the sources, home, the printer (for notices). */
export type InventoryContext = Pick<StackContext, "engine" | "sources" | "homeDir" | "report">;

/**
 * Lists the stacks in the backend with their key, region and last update. With manifests
 * (`-f`), each stack is matched to the manifest whose stack it is; a stack no manifest claims
 * that still holds resources is orphaned. An invalid manifest stops the listing, since the stack
 * it claims is unknown and its stack would be called orphaned wrongly.
 */
export async function stackInventory(options: InventoryOptions, ctx: InventoryContext): Promise<Inventory> {
  const checked = options.files.length > 0;
  const claims = new Map<string, Omit<StackLabel, "stack">>();
  let problems: RunProblem[] = [];
  if (checked) {
    const loaded = loadManifests({ ...options, warnDefaultPolicy: false }, ctx.sources);
    problems = loaded.reports.flatMap((r) => r.problems.map((p) => ({ ...p, name: r.name })));
    if (problems.length > 0) ctx.report({ kind: "problems", problems });
    if (hasErrors(problems)) return { stacks: [], problems, checked, ok: false };
    for (const m of loaded.manifests) {
      const metadata = m.key.metadata;
      claims.set(stackName({ name: m.name, org: metadata?.org, env: metadata?.env, labels: metadata?.labels }), { file: m.file, name: m.name });
    }
  }
  for (const text of stackLocation(options.stackFlags, ctx.sources.env, ctx.homeDir, ctx.sources.cwd).environment.notices) ctx.report({ kind: "notice", text });
  try {
    const { stacks, backendUrl } = await listLockedEntries(options.stackFlags, checked ? claims : undefined, ctx);
    return { stacks, problems, checked, ok: true, backendUrl };
  } catch (error) {
    ctx.report({ kind: "run-failed", error });
    return { stacks: [], problems, error, checked, ok: false };
  }
}

/**
 * The orphans `preview -f DIR` names: only when a directory is among the manifests (a whole
 * fleet) and every manifest loaded, so each claims its stack. Undefined when not asked for.
 */
export async function previewOrphans(
  options: InventoryOptions,
  run: Pick<StacksRun<unknown>, "results" | "problems">,
  ctx: InventoryContext,
): Promise<Inventory | undefined> {
  if (!options.files.some((file) => isDirectory(resolve(ctx.sources.cwd, file)))) return undefined;
  if (run.results.length === 0 || hasErrors(run.problems)) return undefined;
  const claims = new Map(run.results.map((r) => [r.target.stack, { file: r.target.label.file, name: r.target.label.name }]));
  try {
    // Only a stack no manifest claims can be an orphan: the others' outputs are not read.
    const stacks = (await listEntries(options.stackFlags, claims, ctx, { outputsOf: (stack) => !claims.has(stack) })).filter((entry) => entry.orphaned);
    return { stacks, problems: [], checked: true, ok: true };
  } catch (error) {
    return { stacks: [], problems: [], error, checked: true, ok: false };
  }
}

type Claims = ReadonlyMap<string, Omit<StackLabel, "stack">>;

/**
 * The entries with their locks: one listing of the whole backend's locks, each reported. The
 * stacks are what the command is for, so their listing's failure is the command's; locks that
 * cannot be listed are a warning, as on every other command that reads a stack.
 */
async function listLockedEntries(flags: StackTargetOptions, claims: Claims | undefined, ctx: InventoryContext): Promise<{ stacks: InventoryEntry[]; backendUrl: string }> {
  const { backend, environment } = stackLocation(flags, ctx.sources.env, ctx.homeDir, ctx.sources.cwd);
  const listing = ctx.engine.listLocks({ backend, envVars: environment.vars }).then(
    (locks): { locks: readonly StackLock[]; error?: unknown } => ({ locks }),
    (error: unknown) => ({ locks: [], error }),
  );
  const entries = await listEntries(flags, claims, ctx);
  const { locks, error } = await listing;
  if (error !== undefined) ctx.report({ kind: "notice", text: `warning: ${error instanceof Error ? error.message : String(error)}` });
  const stacks = entries.map((entry) => {
    const held = locks.filter((lock) => lock.stack === entry.stack);
    for (const lock of held) ctx.report({ kind: "locked", label: { stack: entry.stack, file: "", name: "" }, lock, unlock: unlockCommand(entry.stack, backend.url) });
    return held.length > 0 ? { ...entry, locks: held } : entry;
  });
  return { stacks, backendUrl: backend.url };
}

async function listEntries(flags: StackTargetOptions, claims: Claims | undefined, ctx: InventoryContext, list: ListStacksOptions = {}): Promise<InventoryEntry[]> {
  const { backend, environment } = stackLocation(flags, ctx.sources.env, ctx.homeDir, ctx.sources.cwd);
  const listings = await ctx.engine.listStacks({ backend, envVars: environment.vars }, list);
  return listings.map((listing) => inventoryEntry(listing, claims));
}

function inventoryEntry(listing: StackListing, claims: Claims | undefined): InventoryEntry {
  const keyId = stringOutput(listing, "keyId");
  const region = stringOutput(listing, "region");
  const claimedBy = claims?.get(listing.name);
  const holdsResources = (listing.resourceCount ?? 0) > 0 || keyId !== undefined;
  return {
    stack: listing.name,
    ...(keyId !== undefined ? { keyId } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(listing.lastUpdate !== undefined ? { lastUpdate: listing.lastUpdate } : {}),
    ...(claimedBy !== undefined ? { claimedBy } : {}),
    orphaned: claims !== undefined && claimedBy === undefined && holdsResources,
  };
}

function stringOutput(listing: StackListing, name: string): string | undefined {
  const value = listing.outputs[name]?.value;
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
