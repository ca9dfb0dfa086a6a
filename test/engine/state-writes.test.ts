import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stateDamage } from "../../src/engine/state-files";
import { createdState, watchStateWrites } from "../../src/engine/state-writes";

// What the diy backend does on a full disk, played by hand: it writes `<file>.<hex>.tmp` and renames it into place.
function backend(): { dir: string; stacks: string; locks: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), "planton-writes-"));
  const stacks = join(dir, ".pulumi", "stacks", "planton");
  const locks = join(dir, ".pulumi", "locks", "organization", "planton", "s1");
  mkdirSync(stacks, { recursive: true });
  mkdirSync(locks, { recursive: true });
  return { dir, stacks, locks, state: join(stacks, "s1.json") };
}

const PENDING = JSON.stringify({ version: 3, checkpoint: { latest: { resources: [], pending_operations: [{ type: "creating", resource: { urn: "urn:pulumi:s1::planton::aws:kms/key:Key::key" } }] } } });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("stateDamage", () => {
  it.each([
    ["", "empty"],
    ['{"version": 3, "checkpoint": {"latest": {', "truncated: its JSON ends early"],
    ['{"a": 1,', "truncated: its JSON ends early"],
    ["garbage\n", "not valid JSON"],
    ["[]", "not a Pulumi state (its JSON is not an object)"],
  ])("calls %j %s", (content, damage) => {
    const { state } = backend();
    writeFileSync(state, content);
    expect(stateDamage(state)).toBe(damage);
  });

  it("accepts what the engine reads as a state, and an absent file", () => {
    const { state } = backend();
    expect(stateDamage(state)).toBeUndefined();
    for (const content of ["null", "{}", PENDING]) {
      writeFileSync(state, content);
      expect(stateDamage(state)).toBeUndefined();
    }
  });
});

describe("watchStateWrites", () => {
  it("removes the temporary files a failed write left, and only those", () => {
    const { dir, stacks, locks, state } = backend();
    writeFileSync(state, PENDING);
    writeFileSync(join(stacks, "other.json.18ed.tmp"), ""); // another stack's: never ours
    writeFileSync(join(locks, "old.json.18ec.tmp"), ""); // there before this run
    const watch = watchStateWrites(dir, "s1");
    writeFileSync(join(locks, "ab12.json.18ed245c96776a6d.tmp"), "");
    writeFileSync(join(stacks, "s1.json.18ed24930e953c44.tmp"), "{");
    expect(watch.repair()).toEqual([`removed what the failed write left half-written, so it does not block the next run: ${join(stacks, "s1.json.18ed24930e953c44.tmp")}, ${join(locks, "ab12.json.18ed245c96776a6d.tmp")}`]);
    watch.close();
    expect(readdirSync(locks).sort()).toEqual(["old.json.18ec.tmp"]);
    expect(readdirSync(stacks).sort()).toEqual(["other.json.18ed.tmp", "s1.json"]);
  });

  it("puts back the last sound state the engine wrote when a failed write renamed an empty one into place", async () => {
    const { dir, stacks, state } = backend();
    writeFileSync(state, "{}");
    const watch = watchStateWrites(dir, "s1");
    // The engine records a pending create (a new file renamed over the state)...
    writeFileSync(join(stacks, "s1.json.1.tmp"), PENDING);
    renameSync(join(stacks, "s1.json.1.tmp"), state);
    await sleep(200);
    // ...then the disk fills: the next write renames an empty file into place.
    writeFileSync(join(stacks, "s1.json.2.tmp"), "");
    renameSync(join(stacks, "s1.json.2.tmp"), state);
    expect(watch.repair()).toEqual([`the failed write left the state file ${state} empty: put back the last state the engine wrote completely`]);
    watch.close();
    expect(readFileSync(state, "utf8")).toBe(PENDING);
    expect(readdirSync(stacks)).toEqual(["s1.json"]);
  });

  it("removes the empty state file of a stack the failed run was creating", () => {
    const { dir, state } = backend();
    const watch = watchStateWrites(dir, "s1");
    writeFileSync(state, "");
    writeFileSync(`${state}.attrs`, "{}");
    expect(watch.repair()).toEqual([`removed the empty state file ${state} the failed write left (the stack was new)`]);
    watch.close();
    expect(existsSync(state) || existsSync(`${state}.attrs`)).toBe(false);
  });

  it("leaves a state that was damaged before the run alone (the user restores it)", () => {
    const { dir, state } = backend();
    writeFileSync(state, "garbage");
    const watch = watchStateWrites(dir, "s1");
    expect(watch.repair()).toEqual([]);
    watch.close();
    expect(readFileSync(state, "utf8")).toBe("garbage");
  });
});

describe("createdState", () => {
  it("says, per created resource, whether the state records it, holds it pending, or lacks it", () => {
    const { dir, state } = backend();
    writeFileSync(state, PENDING);
    expect(createdState(dir, "s1", [{ name: "key", type: "aws:kms/key:Key", id: "k-1" }, { name: "alias", type: "aws:kms/alias:Alias", id: "alias/x" }]).map((r) => r.state)).toEqual(["pending", "missing"]);
  });
});
