import { existsSync, linkSync, readdirSync, renameSync, rmSync, statSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { localDeployment } from "./local-checkpoint";
import { isEngineTempFile, newestBackup, stackDirs, stacksDir, stateDamage, stateFilePath } from "./state-files";
import type { CreatedResource } from "./to-planton-error";

/** Watches a stack's files while the engine writes them; `repair` returns a line per thing it did, `close` ends the watch. */
export interface StateWriteWatch {
  repair(): string[];
  close(): void;
}

/**
 * Watches a file backend's stack while the engine writes it, so that a write that fails (a full
 * disk, a read-only directory) leaves nothing that blocks the next run. The backend writes each
 * file as `<file>.<hex>.tmp` and renames it into place; a failed write can leave the temporary
 * file behind (in the lock directory the engine then reads it as a lock it cannot parse), and,
 * on a full disk, rename an empty state into place (its metadata sidecar still fits) and leave
 * the `.bak` a write behind. So the watch keeps a hard link to the last sound state the engine
 * wrote (a link needs no free space, and the backend replaces files by renames, never in place),
 * and `repair` removes the temporary files that appeared since the watch began and puts back a
 * state that was sound before and is damaged now: the last sound one of this run, else the
 * newest readable backup; for a stack this run created, the damaged file is removed. Only what
 * this run's engine left is touched: the stack's lock kept other runs out.
 */
export function watchStateWrites(localDir: string, stack: string): StateWriteWatch {
  const before = new Set(tempFiles(localDir, stack));
  const file = stateFilePath(localDir, stack);
  const kept = `${file}.planton-kept`;
  const existed = existsSync(file);
  const soundBefore = stateDamage(file) === undefined;
  let keptInode: number | undefined;
  const keep = (): void => {
    try {
      const inode = statSync(file).ino;
      if (inode === keptInode || stateDamage(file) !== undefined) return;
      if (putInPlace(file, kept)) keptInode = inode;
    } catch {
      // no state yet, or it is being replaced: the next change is seen
    }
  };
  keep();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(stacksDir(localDir), keep);
    watcher.on("error", () => undefined).unref();
  } catch {
    // no stacks directory yet: a new stack has nothing to keep
  }
  const close = (): void => {
    watcher?.close();
    rmSync(kept, { force: true });
  };
  return {
    repair() {
      watcher?.close();
      const done: string[] = [];
      const left = tempFiles(localDir, stack).filter((path) => !before.has(path));
      for (const path of left) rmSync(path, { force: true });
      if (left.length > 0) done.push(`removed what the failed write left half-written, so it does not block the next run: ${left.join(", ")}`);
      const damage = soundBefore ? stateDamage(file) : undefined;
      if (damage === undefined) return done;
      const how = damage.replace(/:.*/, "");
      if (!existed && keptInode === undefined) {
        rmSync(file, { force: true });
        rmSync(`${file}.attrs`, { force: true });
        done.push(`removed the ${how} state file ${file} the failed write left (the stack was new)`);
        return done;
      }
      if (keptInode !== undefined && renameQuietly(kept, file)) {
        done.push(`the failed write left the state file ${file} ${how}: put back the last state the engine wrote completely`);
        return done;
      }
      const backup = newestBackup(localDir, stack);
      if (backup !== undefined && putInPlace(backup.path, file)) {
        done.push(`the failed write left the state file ${file} ${how}: restored it from ${backup.path} (written ${backup.written.toISOString()})`);
      }
      return done;
    },
    close,
  };
}

function renameQuietly(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts `backup` in place of `file` (and its metadata sidecar) by a hard link and a rename, which
 * need no free space on a full disk; the backend replaces files by renames, never in place.
 */
function putInPlace(backup: string, file: string): boolean {
  try {
    for (const [from, to] of [[backup, file], [`${backup}.attrs`, `${file}.attrs`]] as const) {
      if (to.endsWith(".planton-kept.attrs")) continue;
      if (!existsSync(from)) continue;
      const staged = `${to}.planton-restore`;
      rmSync(staged, { force: true });
      linkSync(from, staged);
      renameSync(staged, to);
    }
    return true;
  } catch {
    return false;
  }
}

function tempFiles(localDir: string, stack: string): string[] {
  return stackDirs(localDir, stack).flatMap((dir) => {
    try {
      // The stacks directory is shared by every stack: only this stack's files there.
      const ours = (f: string): boolean => dir !== stacksDir(localDir) || f.startsWith(`${stack}.json`);
      return readdirSync(dir).filter((f) => isEngineTempFile(f) && ours(f)).map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
}

type Latest = { resources?: { urn?: string; type?: string; id?: string }[]; pending_operations?: { type?: string; resource?: { urn?: string } }[] };

/** What the state file now holds of each resource an update created (see CreatedResource.state). */
export function createdState(localDir: string, stack: string, created: readonly CreatedResource[]): CreatedResource[] {
  const latest = localDeployment(localDir, stack)?.deployment as Latest | undefined;
  if (latest === undefined) return [...created];
  const named = (urn: string | undefined, name: string): boolean => urn?.endsWith(`::${name}`) === true;
  return created.map((r) => {
    const recorded = (latest.resources ?? []).some((s) => s.type === r.type && named(s.urn, r.name) && (r.id === undefined || s.id === r.id));
    const pending = (latest.pending_operations ?? []).some((op) => op.type === "creating" && named(op.resource?.urn, r.name));
    return { ...r, state: recorded ? "recorded" : pending ? "pending" : "missing" };
  });
}
