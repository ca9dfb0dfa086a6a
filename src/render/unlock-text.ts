import type { StackLock } from "../engine/stack-lock";
import { holderName } from "./lock-text";
import { escapeControl } from "./escape-control";

/** What `planton unlock` found on a stack, before it asks: one line per lock and its holder's state. */
export function renderUnlockPlan(stack: string, locks: readonly StackLock[]): string {
  if (locks.length === 0) return `stack ${stack} is not locked\n`;
  const lines = locks.map((lock) => `  ${holderName(lock)}${since(lock)}: ${lock.holder === undefined ? "left by a run killed while writing it" : HOLDER_STATE[lock.status]} (${escapeControl(lock.where)})`);
  return `stack ${stack} has ${locks.length === 1 ? "1 lock" : `${locks.length} locks`}:\n${lines.join("\n")}\n`;
}

/** One line per lock removed. */
export function renderUnlocked(stack: string, removed: readonly StackLock[]): string {
  return removed.map((lock) => `removed the lock of ${holderName(lock)} from stack ${stack}\n`).join("");
}

const HOLDER_STATE: Readonly<Record<StackLock["status"], string>> = {
  running: "that run is still active on this host",
  gone: "that process no longer runs on this host",
  elsewhere: "taken on another host, where planton cannot check whether that run is still active",
};

function since(lock: StackLock): string {
  return lock.holder !== undefined && lock.holder.timestamp !== "" ? ` since ${escapeControl(lock.holder.timestamp)}` : "";
}
