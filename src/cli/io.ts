import { readUpTo } from "../manifest/read-bounded";
import { maxSourceBytes } from "../manifest/read-sources";

/** Somewhere text goes: stdout or stderr. */
export interface Writer {
  write(text: string): void;
  /** True when a person is looking at it (a terminal). */
  readonly isTTY: boolean;
}

/**
 * Everything a command may touch of the outside world, decided once at the edge and passed in,
 * so tests run commands with an in-memory Io and the core never reads `process`.
 */
export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Reads all of standard input (for `-f -`). */
  readonly readStdin: () => string;
  /**
   * Reads standard input to its end, awaiting a slow writer, so that `readStdin` then returns
   * that text at once. runCli calls it before a command that has `-f -`; an in-memory Io, whose
   * text is already there, needs none.
   */
  readonly loadStdin?: () => Promise<void>;
  /** True when standard input is a terminal, so a question can be asked and answered. */
  readonly stdinIsTTY: boolean;
  /** Asks a question on the terminal and resolves with the answer line. */
  readonly ask: (question: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The real process's Io. */
export function processIo(): Io & { readonly outputLost: () => boolean } {
  // A synchronous read of a pipe whose writer is slow fails with EAGAIN (stdin is non-blocking),
  // so runCli has loadStdin read it asynchronously first; a read error is kept for readStdin to
  // throw, where it becomes the `-` source's problem like any unreadable file.
  let stdin: { text: string } | { error: unknown } | undefined;
  const lost = { value: false };
  return {
    outputLost: () => lost.value,
    stdout: pipeWriter(process.stdout, lost),
    stderr: pipeWriter(process.stderr, lost),
    readStdin: () => {
      stdin ??= { text: readUpTo(0, maxSourceBytes + 1).toString("utf8") };
      if ("error" in stdin) throw stdin.error;
      return stdin.text;
    },
    loadStdin: async () => {
      if (stdin !== undefined) return;
      try {
        stdin = { text: await readAll(process.stdin) };
      } catch (error) {
        stdin = { error };
      }
    },
    stdinIsTTY: process.stdin.isTTY === true,
    ask: async (question) => {
      const { createInterface } = await import("node:readline/promises");
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Reads `stream` to its end, but stops one byte past the manifest limit (`< /dev/zero` ends too). */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxSourceBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxSourceBytes + 1).toString("utf8");
}

/**
 * A Writer on stdout or stderr that goes quiet when the reader has gone (`planton schema | head`):
 * an EPIPE is no failure of the command, so it is neither printed nor allowed to crash the process;
 * the command finishes (an apply is not cut off halfway) and exits with its own code.
 */
function pipeWriter(stream: NodeJS.WriteStream, lost: { value: boolean }): Writer {
  let closed = false;
  // Any other write failure (a full disk, /dev/full) loses output the user asked for: the
  // command still finishes (a deploy is never cut off halfway), quietly, and exits 1.
  const fail = (error: NodeJS.ErrnoException): void => {
    closed = true;
    if (error.code !== "EPIPE") lost.value = true;
  };
  stream.on("error", fail);
  return {
    write: (text) => {
      if (closed) return;
      try {
        stream.write(text);
      } catch (error) {
        fail(error as NodeJS.ErrnoException);
      }
    },
    isTTY: stream.isTTY === true,
  };
}
