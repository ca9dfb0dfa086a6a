import { mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { clearStaleLocks } from "../../src/engine/stale-locks";
import { tempDir } from "../support/temp-dir";

// The locks a file backend's stack is freed of when it is opened: only what provably has no
// living writer.

describe("clearStaleLocks", () => {
  const now = Date.parse("2026-12-01T15:00:00Z");
  const at = (path: string, msAgo: number): void => {
    const when = new Date(now - msAgo);
    utimesSync(path, when, when);
  };

  it("removes a lock's temporary file left for over a minute, keeps one being written and another host's lock", () => {
    const localDir = tempDir("planton-stale-locks");
    const dir = join(localDir, ".pulumi", "locks", "organization", "planton", "s");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "old.json.1a2b.tmp"), "");
    at(join(dir, "old.json.1a2b.tmp"), 61_000);
    writeFileSync(join(dir, "new.json.3c4d.tmp"), "");
    at(join(dir, "new.json.3c4d.tmp"), 1_000);
    writeFileSync(join(dir, "other.json"), JSON.stringify({ pid: 1, username: "ci", hostname: `not-${hostname()}`, timestamp: "2026-12-01T12:00:00Z" }));

    expect(clearStaleLocks(localDir, "s", now)).toEqual(["stack s: removed old.json.1a2b.tmp, a lock file a killed run was still writing"]);
    expect(readdirSync(dir).sort()).toEqual(["new.json.3c4d.tmp", "other.json"]);
  });

  it("has nothing to do for a stack without a lock directory", () => {
    expect(clearStaleLocks(tempDir("planton-stale-locks"), "s", now)).toEqual([]);
  });
});
