import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Imported at the top of a test file, this registers one afterAll in that file: every directory
// made through tempDir is removed once the file's tests are done, so the tests leave /tmp as it was.
const made: string[] = [];
afterAll(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh directory `<prefix>-XXXXXX` in the system's temp dir, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}
