import type { LockStatus, StackLock } from "../engine/stack-lock";
import { unlockCommand } from "../engine/unlock-command";
import type { StackResult } from "../stack/run-stacks";

/**
 * One lock in an engine command's document (`locks` on each stack, since 2.1): who holds it,
 * since when, whether that run still runs here, and the command that clears it.
 */
export interface LockJson {
  /** The lock file's path, or `s3://bucket/key`. */
  readonly where: string;
  /** Null when the lock file is unreadable. */
  readonly username: string | null;
  readonly hostname: string | null;
  readonly pid: number | null;
  /** When the lock was taken (RFC 3339), as the lock file says. */
  readonly since: string | null;
  /** `running` (on this host: wait), `gone` (on this host, no longer runs), `elsewhere` (another host: cannot be checked). */
  readonly status: LockStatus;
  /** `planton unlock --stack ... --backend ...`. */
  readonly unlockCommand: string;
}

/** The stack's locks for its document entry ([] when it has none). */
export function locksJson(locks: readonly StackLock[] | undefined, backendUrl: string): LockJson[] {
  return (locks ?? []).map((lock) => ({
    where: lock.where,
    username: lock.holder?.username ?? null,
    hostname: lock.holder?.hostname ?? null,
    pid: lock.holder?.pid ?? null,
    since: lock.holder !== undefined && lock.holder.timestamp !== "" ? lock.holder.timestamp : null,
    status: lock.status,
    unlockCommand: unlockCommand(lock.stack, backendUrl),
  }));
}

/** A stack result's locks for its document entry. */
export function resultLocksJson(result: Pick<StackResult<unknown>, "locks" | "target">): LockJson[] {
  return result.locks === undefined ? [] : locksJson(result.locks, result.target.backend.url);
}
