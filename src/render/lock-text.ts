import type { StackLock } from "../engine/stack-lock";
import { escapeControl } from "./escape-control";

/**
 * One warning line about a stack's lock: who holds it and since when, and what to do: wait for
 * a run still active on this host, else clear it with `unlock` (the command, ready to paste).
 */
export function lockWarning(lock: StackLock, unlock: string): string {
  const head = `warning: stack ${lock.stack} is locked`;
  if (lock.holder === undefined) return `${head} by an unreadable lock file (${escapeControl(lock.where)}): clear it with \`${unlock}\``;
  const since = lock.holder.timestamp !== "" ? ` since ${escapeControl(lock.holder.timestamp)}` : "";
  const who = `${head} by ${holderName(lock)}${since}`;
  switch (lock.status) {
    case "running":
      return `${who}: that run is still active on this host; wait for it to finish`;
    case "gone":
      return `${who}: that process no longer runs; clear the lock with \`${unlock}\``;
    case "elsewhere":
      return `${who}: if that run is no longer active, clear the lock with \`${unlock}\``;
  }
}

/** `user@host (pid N)`, as the lock file names its holder. */
export function holderName(lock: StackLock): string {
  if (lock.holder === undefined) return "an unreadable lock file";
  const { username, hostname, pid } = lock.holder;
  return `${escapeControl(username !== "" ? `${username}@${hostname}` : hostname)} (pid ${pid})`;
}
