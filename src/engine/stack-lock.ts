import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { PROJECT_NAME } from "./project-name";

/** Who holds a lock, as the engine wrote it into the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly username: string;
  readonly hostname: string;
  /** When the lock was taken (RFC 3339, as the engine wrote it). */
  readonly timestamp: string;
}

/**
 * What planton can tell about a lock's holder: `running` on this host, `gone` (it ran on this
 * host and no longer runs, or the lock file is unreadable: a run killed while writing it), or
 * `elsewhere` (another host: nothing can be checked from here).
 */
export type LockStatus = "running" | "gone" | "elsewhere";

/** One lock of a stack in a self-managed backend (`.pulumi/locks/organization/planton/<stack>/<id>.json`). */
export interface StackLock {
  readonly stack: string;
  /** The lock's key in the backend, relative to it: what removing it names. */
  readonly key: string;
  /** Where it is, for people: the file's path, or `s3://bucket/key`. */
  readonly where: string;
  /** Absent when the lock file is empty or not the engine's JSON. */
  readonly holder?: LockHolder;
  readonly status: LockStatus;
}

/** The backend-relative directory of a stack's locks; without a stack, of every planton stack. */
export function lockDir(stack?: string): string {
  return `.pulumi/locks/organization/${PROJECT_NAME}${stack !== undefined ? `/${stack}` : ""}`;
}

/** A lock from its key and content, judged on this host. */
export function stackLock(key: string, where: string, content: string): StackLock {
  const stack = key.split("/").slice(-2)[0] ?? "";
  const holder = parseHolder(content);
  return { stack, key, where, ...(holder !== undefined ? { holder } : {}), status: holderStatus(holder) };
}

function parseHolder(content: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(content) as { pid?: unknown; username?: unknown; hostname?: unknown; timestamp?: unknown };
    if (typeof parsed.pid !== "number" || typeof parsed.hostname !== "string") return undefined;
    return { pid: parsed.pid, hostname: parsed.hostname, username: String(parsed.username ?? ""), timestamp: String(parsed.timestamp ?? "") };
  } catch {
    return undefined;
  }
}

function holderStatus(holder: LockHolder | undefined): LockStatus {
  if (holder === undefined) return "gone";
  if (holder.hostname !== hostname()) return "elsewhere";
  return isRunning(holder.pid) ? "running" : "gone";
}

/** True while `pid` runs on this host (a zombie nobody reaped is gone all the same). */
export function isRunning(pid: number): boolean {
  try {
    if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"))) return false;
  } catch {
    // no /proc entry: not running (or not Linux; the signal check below decides)
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
