import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, type Problem } from "../core/problem";
import { readBounded } from "./read-bounded";

/** The text of one manifest file, as read. */
export interface Source {
  /** The path as the user gave it (or `dir/name.yaml` for a directory's files, `-` for stdin). */
  readonly file: string;
  readonly text: string;
}

/** One `-f` input as read, in the order given: its text, or the problem that kept it unread. */
export type SourceRead =
  | { readonly kind: "source"; readonly source: Source }
  | { readonly kind: "unreadable"; readonly problem: Problem };

/** What `readSources` found: every input, readable or not, in input order. */
export interface ReadSourcesResult {
  readonly reads: SourceRead[];
}

/** Where `readSources` reads from; stdin comes from the caller's Io. */
export interface ReadSourcesOptions {
  readonly cwd: string;
  readonly readStdin: () => string;
}

/**
 * Far bigger than any real manifest (a key policy is at most 32 KB); refusing early keeps a stray
 * log file from eating memory and keeps the YAML parse short.
 */
export const maxSourceBytes = 256 * 1024;

const manifestExtension = /\.ya?ml$/i;

/**
 * Reads every `-f` path: a file, a directory (its `*.yaml`/`*.yml` files, sorted, not recursive)
 * or `-` for stdin. A missing, unreadable, huge or binary file, or one that is not a regular file
 * (a device, a FIFO, also behind a symlink), is a Problem, never an exception or a hang, and keeps
 * its place among the inputs so reports follow the order the user gave.
 */
export function readSources(paths: readonly string[], options: ReadSourcesOptions): ReadSourcesResult {
  const reads: SourceRead[] = [];
  const add = (file: string, read: ReadOutcome): void => {
    reads.push("text" in read ? { kind: "source", source: { file, text: read.text } } : unreadable(file, read.problem));
  };
  for (const path of paths) {
    if (path === "-") {
      add("-", readStdin(options.readStdin));
      continue;
    }
    const expanded = expandPath(path, options.cwd);
    if ("problem" in expanded) reads.push(unreadable(path, expanded.problem));
    else for (const file of expanded.files) add(file, readFile(resolve(options.cwd, file)));
  }
  return { reads };
}

function unreadable(file: string, message: string): SourceRead {
  return { kind: "unreadable", problem: error("", message, { file }) };
}

/** The files a path stands for: itself, or a directory's manifests; or why there are none. */
function expandPath(path: string, cwd: string): { files: string[] } | { problem: string } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(resolve(cwd, path)).isDirectory();
  } catch (cause) {
    return { problem: `cannot read file: ${describeFsError(cause)}` };
  }
  if (!isDirectory) return { files: [path] };
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, path), { withFileTypes: true })
      // Everything but subdirectories: a FIFO or device named *.yaml is refused by name, not skipped.
      .filter((entry) => !entry.isDirectory() && manifestExtension.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (cause) {
    return { problem: `cannot read directory: ${describeFsError(cause)}` };
  }
  if (names.length === 0) return { problem: "directory has no manifests (no *.yaml or *.yml files)" };
  return { files: names.map((name) => join(path, name)) };
}

type ReadOutcome = { text: string } | { problem: string };

function readFile(absolute: string): ReadOutcome {
  try {
    const read = readBounded(absolute, maxSourceBytes);
    if (read.kind === "not-a-file") return { problem: `is ${read.what}, not a manifest file; planton reads regular files (or - for stdin)` };
    if (read.bytes.length > maxSourceBytes) return { problem: tooBig };
    return decode(read.bytes);
  } catch (cause) {
    return { problem: `cannot read file: ${describeFsError(cause)}` };
  }
}

function readStdin(read: () => string): ReadOutcome {
  try {
    const bytes = Buffer.from(read(), "utf8");
    return bytes.length > maxSourceBytes ? { problem: tooBig } : decode(bytes);
  } catch (cause) {
    return { problem: `cannot read standard input: ${describeFsError(cause)}` };
  }
}

function decode(bytes: Buffer): ReadOutcome {
  if (isUtf16(bytes)) {
    return { problem: "is UTF-16 text; planton reads UTF-8: save it as UTF-8 (in your editor, or: iconv -f UTF-16 -t UTF-8 FILE > NEW-FILE)" };
  }
  if (bytes.includes(0)) return { problem: "is a binary file, not a YAML manifest" };
  const text = bytes.toString("utf8");
  // Invalid UTF-8 decodes to U+FFFD; a manifest never holds it on purpose.
  if (text.includes("\uFFFD")) return { problem: "is not UTF-8 text (is it a binary file?)" };
  return { text };
}

/**
 * A UTF-16 byte-order mark (as bytes, or as the U+FFFD pair a UTF-8 decode of stdin made of it),
 * or YAML's ASCII in UTF-16: a NUL next to every character of the first line.
 */
function isUtf16(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 2);
  if (head.equals(Buffer.from([0xff, 0xfe])) || head.equals(Buffer.from([0xfe, 0xff]))) return true;
  const sample = bytes.subarray(bytes.indexOf(Buffer.from("\uFFFD\uFFFD")) === 0 ? 6 : 0).subarray(0, 64);
  if (sample.length < 4) return false;
  const nulsAt = (parity: number): boolean => sample.every((byte, i) => (i % 2 === parity) === (byte === 0));
  return nulsAt(0) || nulsAt(1);
}

const tooBig = `is too large for a manifest (more than ${maxSourceBytes} bytes)`;

/** `ENOENT: no such file...` → "no such file or directory", without the stack or syscall noise. */
function describeFsError(cause: unknown): string {
  const code = (cause as { code?: unknown } | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  }
}
