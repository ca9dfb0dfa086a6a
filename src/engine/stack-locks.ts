import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PlantonError } from "../core/planton-error";
import type { StackLocation } from "./engine";
import { s3Bucket } from "./s3-bucket";
import { lockDir, stackLock, type StackLock } from "./stack-lock";

/**
 * The locks of `stack` (without one, of every planton stack) in a file or S3 backend, read as the
 * engine keeps them: one directory listing or one S3 list call, then each lock's content.
 * Other backends (Pulumi Cloud) keep no lock files planton can read: none.
 */
export async function listLocks(location: StackLocation, stack?: string): Promise<StackLock[]> {
  const { backend } = location;
  try {
    if (backend.localDir !== undefined) return fileLocks(backend.localDir, stack);
    if (backend.url.startsWith("s3://")) {
      const bucket = s3Bucket(backend.url, process.env);
      const keys = (await bucket.list(`${lockDir(stack)}/`)).filter((key) => key.endsWith(".json"));
      const read = await Promise.all(keys.map(async (key) => ({ key, content: await bucket.read(key) })));
      // A lock removed between the listing and the read was released meanwhile.
      return read.flatMap(({ key, content }) => (content !== undefined ? [stackLock(key, bucket.url(key), content)] : []));
    }
    return [];
  } catch (err) {
    throw lockFailure("list", stack, location, err);
  }
}

/** Removes exactly these locks (one gone meanwhile is no failure). */
export async function removeLocks(location: StackLocation, locks: readonly StackLock[]): Promise<void> {
  const { backend } = location;
  for (const lock of locks) {
    try {
      if (backend.localDir !== undefined) rmSync(join(backend.localDir, lock.key), { force: true });
      else if (backend.url.startsWith("s3://")) await s3Bucket(backend.url, process.env).remove(lock.key);
    } catch (err) {
      throw lockFailure("remove", lock.stack, location, err);
    }
  }
}

/** The locks of a file backend's stack (or of every planton stack), read from its directory. */
export function fileLocks(localDir: string, stack?: string): StackLock[] {
  const stacks = stack !== undefined ? [stack] : entries(join(localDir, lockDir()));
  return stacks.flatMap((name) =>
    entries(join(localDir, lockDir(name)))
      .filter((file) => file.endsWith(".json"))
      .flatMap((file) => {
        const key = `${lockDir(name)}/${file}`;
        const content = readIfThere(join(localDir, key));
        return content !== undefined ? [stackLock(key, join(localDir, key), content)] : [];
      }),
  );
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The file's text; undefined when it was removed meanwhile (released); "" when it cannot be read. */
function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? undefined : "";
  }
}

function lockFailure(verb: "list" | "remove", stack: string | undefined, location: StackLocation, err: unknown): PlantonError {
  const reason = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
  const what = stack !== undefined ? `the locks of stack ${stack}` : "the stacks' locks";
  return new PlantonError("engine", `cannot ${verb} ${what} in ${location.backend.url}: ${reason}`, { cause: err });
}
