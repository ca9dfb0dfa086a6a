import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { PROJECT_NAME } from "./project-name";

// Where the Pulumi CLI's diy backend (3.276, pkg/backend/diy) keeps a stack in a file backend:
// the state `.pulumi/stacks/<project>/<stack>.json` (or `.json.gz`); before every write of it, a
// copy of the previous one beside it (`<stack>.json.bak`); after every update, a copy of the state
// as the update left it in `.pulumi/backups/<project>/<stack>/<stack>.<unix ns>.json`, and one in
// `.pulumi/history/<project>/<stack>/<stack>-<unix ns>.checkpoint.json` with the update's record.

/** The stack's state file in a local backend: the one that exists (plain or gzipped), else where it would be. */
export function stateFilePath(localDir: string, stack: string): string {
  const base = join(localDir, ".pulumi", "stacks", PROJECT_NAME, stack);
  return [`${base}.json`, `${base}.json.gz`].find(isFile) ?? `${base}.json`;
}

/** A file the backend is writing (`<file>.<hex>.tmp`), renamed into place once complete. */
export function isEngineTempFile(name: string): boolean {
  return /\.[0-9a-f]+\.tmp$/.test(name);
}

/** The directory of the stacks' state files in a local backend. */
export function stacksDir(localDir: string): string {
  return join(localDir, ".pulumi", "stacks", PROJECT_NAME);
}

/** The directories the engine writes a stack's files into, besides the stacks directory (for leftovers). */
export function stackDirs(localDir: string, stack: string): string[] {
  const pulumi = join(localDir, ".pulumi");
  return [
    stacksDir(localDir),
    join(pulumi, "locks", "organization", PROJECT_NAME, stack),
    join(pulumi, "backups", PROJECT_NAME, stack),
    join(pulumi, "history", PROJECT_NAME, stack),
  ];
}

/**
 * What is wrong with a state file, in a few words (`empty`, `truncated: its JSON ends early`,
 * `not valid JSON`, ...); undefined when it is absent or reads as JSON the engine accepts.
 */
export function stateDamage(path: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? undefined : `unreadable: ${code ?? String(err)}`;
  }
  if (bytes.length === 0) return "empty";
  let text: string;
  try {
    text = (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch {
    return "truncated: not a complete gzip file";
  }
  try {
    const value: unknown = JSON.parse(text);
    // The engine reads `null` and `{}` as a stack without resources; anything else must be an object.
    return value === null || (typeof value === "object" && !Array.isArray(value)) ? undefined : "not a Pulumi state (its JSON is not an object)";
  } catch (err) {
    return endsEarly(text, err instanceof Error ? err.message : "") ? "truncated: its JSON ends early" : "not valid JSON";
  }
}

/** A backup of a stack's state the backend kept, and when it was written. */
export interface StateBackup {
  readonly path: string;
  readonly written: Date;
}

/**
 * The newest backup of the stack's state that reads as a state (a damaged one is skipped): of
 * `.pulumi/backups`, the `.bak` beside the state file and `.pulumi/history`; undefined when none.
 */
export function newestBackup(localDir: string, stack: string): StateBackup | undefined {
  const pulumi = join(localDir, ".pulumi");
  const candidates = [
    ...filesIn(join(pulumi, "backups", PROJECT_NAME, stack), /\.json(\.gz)?$/),
    `${stateFilePath(localDir, stack)}.bak`,
    ...filesIn(join(pulumi, "history", PROJECT_NAME, stack), /\.checkpoint\.json(\.gz)?$/),
  ];
  const written = candidates.flatMap((path) => {
    try {
      const stat = statSync(path);
      return stat.isFile() && stat.size > 0 ? [{ path, written: stat.mtime }] : [];
    } catch {
      return [];
    }
  });
  written.sort((a, b) => b.written.getTime() - a.written.getTime());
  return written.find((backup) => stateDamage(backup.path) === undefined);
}

/** The damaged state files in a local backend, by stack name (for a listing of every stack). */
export function damagedStates(localDir: string): { stack: string; path: string; damage: string }[] {
  return filesIn(stacksDir(localDir), /\.json(\.gz)?$/).flatMap((path) => {
    const damage = stateDamage(path);
    const stack = path.slice(stacksDir(localDir).length + 1).replace(/\.json(\.gz)?$/, "");
    return damage === undefined ? [] : [{ stack, path, damage }];
  });
}

/** True when JSON.parse failed at the end of the text: the file was cut short, not garbled. */
function endsEarly(text: string, message: string): boolean {
  if (/end of JSON input|Unterminated string/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= text.trimEnd().length;
}

function filesIn(dir: string, name: RegExp): string[] {
  try {
    return readdirSync(dir).filter((f) => name.test(f)).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
