import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** What `readBounded` got: the bytes (at most `limit + 1`, so "too large" is known), or what the path is instead of a file. */
export type BoundedRead = { readonly kind: "bytes"; readonly bytes: Buffer } | { readonly kind: "not-a-file"; readonly what: string };

/**
 * Reads a regular file, never more than `limit + 1` bytes, whatever its size claims. Anything else
 * is refused before a byte is read: `/dev/zero` or `/dev/urandom` would never end, and a FIFO would
 * wait for a writer. The file is opened non-blocking (a FIFO then opens at once) and judged by
 * `fstat` on the open descriptor, so a symlink is judged by what it points at and cannot be swapped
 * between the check and the read. Fs errors are thrown for the caller to describe.
 */
export function readBounded(path: string, limit: number): BoundedRead {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: "not-a-file", what: describeFileType(stat) };
    return { kind: "bytes", bytes: readUpTo(fd, limit + 1) };
  } finally {
    closeSync(fd);
  }
}

/** Reads from `fd` until its end or until `max` bytes, whichever comes first. */
export function readUpTo(fd: number, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < max) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, max - total));
    const count = readSync(fd, chunk, 0, chunk.length, null);
    if (count === 0) break;
    chunks.push(chunk.subarray(0, count));
    total += count;
  }
  return Buffer.concat(chunks, total);
}

function describeFileType(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}
