import { dirname } from "node:path";
import { PlantonError } from "../core/planton-error";
import { PROJECT_NAME } from "./project-name";
import { shellWord } from "./shell-word";
import { newestBackup, stateDamage, stateFilePath } from "./state-files";

/** A fault of the storage that holds a stack's state, as the engine's error text shows it. */
export type StateFault =
  /** The state file does not read as a state; `detail` says how, from the engine's words. */
  | { readonly kind: "damaged"; readonly detail: string }
  /** A write hit a read-only file system at `path` (when the engine named it). */
  | { readonly kind: "read-only"; readonly path?: string }
  /** A write found no space left on the device of `path` (when the engine named it). */
  | { readonly kind: "no-space"; readonly path?: string };

// The diy backend's words: Go's syscall errors, and its checkpoint decoding ("place N" is the JSON decoder's).
const NO_SPACE = /no space left on device|disk quota exceeded|\bENOSPC\b|\bEDQUOT\b/i;
const READ_ONLY = /read-only file system|\bEROFS\b/i;
const CHECKPOINT = /(?:failed to load checkpoint: (?:place \d+: )?|place \d+: )([^\n]*)|(unsupported checkpoint version \d+)/;

/** The state fault the engine's error text reports, if any (a full disk first: it also fails the reads after it). */
export function stateFaultOf(text: string): StateFault | undefined {
  if (NO_SPACE.test(text)) return { kind: "no-space", ...pathBefore(text, NO_SPACE) };
  if (READ_ONLY.test(text)) return { kind: "read-only", ...pathBefore(text, READ_ONLY) };
  const checkpoint = CHECKPOINT.exec(text);
  if (checkpoint === null) return undefined;
  const words = checkpoint[1] ?? checkpoint[2] ?? "";
  const detail =
    /unexpected end of JSON input|unexpected EOF/i.test(words) ? "truncated: its JSON ends early"
    : /invalid character/i.test(words) ? "not valid JSON"
    : /cannot unmarshal/i.test(words) ? "not a Pulumi state (its JSON has the wrong shape)"
    : words.trim();
  return { kind: "damaged", detail };
}

/** Where the fault happened, to word it: `what` is the message's head (`cannot apply stack S`). */
export interface StateFaultPlace {
  readonly what: string;
  readonly stack: string;
  /** The backend as messages show it (secrets redacted). */
  readonly backend: string;
  /** A file backend's directory. */
  readonly localDir?: string;
}

/**
 * The PlantonError of a state fault, in plain words, naming the file or directory; for a damaged
 * state file of a file backend, the newest readable backup and the command that restores it.
 * Undefined when a file backend's state file reads fine (the engine choked on something else).
 */
export function stateFaultError(fault: StateFault, place: StateFaultPlace, cause: unknown): PlantonError | undefined {
  switch (fault.kind) {
    case "damaged": {
      if (place.localDir === undefined) {
        return new PlantonError("state", `${place.what}: its state file .pulumi/stacks/${PROJECT_NAME}/${place.stack}.json in ${place.backend} is damaged (${fault.detail})`, {
          cause,
          hint: `the backend keeps a copy of the state after every update under .pulumi/backups/${PROJECT_NAME}/${place.stack}/ (and the previous one as ${place.stack}.json.bak): copy the newest over the state file, then run \`planton preview\``,
        });
      }
      const file = stateFilePath(place.localDir, place.stack);
      const damage = stateDamage(file);
      return damage === undefined ? undefined : damagedStateError(place.what, file, damage, place.localDir, place.stack, cause);
    }
    case "read-only":
      return new PlantonError("state", `${place.what}: ${where(fault.path, place)} is read-only`, {
        cause,
        hint: "make it writable (remount the file system read-write, or pass --backend with a writable directory) and run the command again",
      });
    case "no-space":
      return new PlantonError("state", `${place.what}: no space left on the device of ${where(fault.path, place)}`, {
        cause,
        hint: `free some space there (\`df -h ${shellWord(fault.path !== undefined && !inside(fault.path, place.localDir) ? dirname(fault.path) : (place.localDir ?? "."))}\`) and run the command again`,
      });
  }
}

/** A damaged state file of a file backend: what is wrong, the newest readable backup, and the restore command. */
export function damagedStateError(what: string, file: string, damage: string, localDir: string, stack: string, cause?: unknown): PlantonError {
  const backup = newestBackup(localDir, stack);
  const hint =
    backup === undefined
      ? `the backend kept no readable backup of it (.pulumi/backups/${PROJECT_NAME}/${stack}/, ${stack}.json.bak, .pulumi/history/${PROJECT_NAME}/${stack}/); move it aside with \`mv ${shellWord(file)} ${shellWord(`${file}.damaged`)}\` and adopt the stack's key again with \`planton import --key-id <key id>\``
      : `the newest readable backup is ${backup.path} (written ${backup.written.toISOString()}); restore it, keeping the damaged file beside it, then run \`planton preview\`:\n    ${restoreCommand(file, backup.path)}`;
  return new PlantonError("state", `${what}: its state file ${file} is damaged (${damage})`, { cause, hint });
}

/** The shell command that puts `backup` in place of the damaged state `file` (kept as `file.damaged`). */
export function restoreCommand(file: string, backup: string): string {
  return `mv ${shellWord(file)} ${shellWord(`${file}.damaged`)} && cp ${shellWord(backup)} ${shellWord(file)}`;
}

/** The file the engine failed to write, from Go's `op /path: reason` (e.g. `open /srv/state/.pulumi/...: read-only file system`). */
function pathBefore(text: string, reason: RegExp): { path?: string } {
  // Go: `open /path: reason`; Node: `ENOSPC: reason, open '/path'`.
  const match = new RegExp(`(/[^\\s"':]+): (?:${reason.source})`, "i").exec(text) ?? new RegExp(`(?:${reason.source}), \\w+ '(/[^']+)'`, "i").exec(text);
  return match?.[1] !== undefined ? { path: match[1] } : {};
}

/** `the state directory D` when the path is in the backend's directory (or unknown), else the path's directory. */
function where(path: string | undefined, place: StateFaultPlace): string {
  if (place.localDir !== undefined && (path === undefined || inside(path, place.localDir))) return `the state directory ${place.localDir}`;
  return path !== undefined ? `the directory ${dirname(path)}` : `the state backend ${place.backend}`;
}

function inside(path: string, dir: string | undefined): boolean {
  return dir !== undefined && (path === dir || path.startsWith(`${dir.replace(/\/$/, "")}/`));
}
