import { parse } from "yaml";
import { runCli } from "../../src/cli/main";
import type { EngineEvent } from "../../src/engine/engine-event";
import { fakeEngine, type FakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { STACK_ENV, STACK_MANIFEST } from "./stack-command-fixtures";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";

// refresh with the engine replaced by the events of a refresh that found the key disabled out of
// band, shaped as the engine sends them (a `refresh` step planned, then its outcome with the
// provider's diff): what the command prints for each --output, and when it writes the state.
// The real engine is covered by test/e2e/drift.test.ts.

let refreshEvents: EngineEvent[] = [];
const drifted: EngineEvent[] = [
  planned(step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
  { kind: "resource-done", step: step("update", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }), diffs: ["isEnabled"] }), planning: true },
  { kind: "resource-done", step: step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) }), planning: true },
];

/** The engine of a refresh that finds the key disabled, writing a last line without its newline. */
let current: FakeEngine;
const engine = (extra: FakeEngineOptions = {}): FakeEngine =>
  (current = fakeEngine({ events: { "refresh-preview": refreshEvents, refresh: refreshEvents }, engineOutput: "Refreshing (acme-prod-rds):\nResources: 2 unchanged", ...extra }));

beforeEach(() => {
  refreshEvents = drifted;
});

const manifest = STACK_MANIFEST;
const env = STACK_ENV;
/** The operations the last engine ran, without the stack's name. */
const operations = (): string[] => current.operations().map((o) => o.replace(/^[^:]*:/, ""));
const DRIFT = [{ name: "key", type: "aws:kms/key:Key", op: "update", properties: [{ path: "isEnabled", before: true, after: false }] }];

describe("planton refresh --output", () => {
  it("json off a terminal without --yes reports the drift and writes nothing", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "-o", "json"], io, engine())).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      formatVersion: "2.1",
      stacks: [{ stack: "acme-prod-rds", file: "-", name: "rds", drift: DRIFT, recorded: false, locks: [], error: null }],
      drifted: true,
      ok: true,
      problems: [],
      error: null,
    });
    expect(operations()).toEqual(["refresh-preview"]);
    expect(io.err()).toContain("planton refresh: 1 stack\n  ok      acme-prod-rds (-): 1 resource drifted, not recorded\n");
  });

  it("--yes records the drift in the state", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "-o", "json", "--yes"], io, engine())).toBe(0);
    expect(JSON.parse(io.out()).stacks[0]).toMatchObject({ drift: DRIFT, recorded: true });
    expect(operations()).toEqual(["refresh-preview", "refresh"]);
  });

  it("yaml prints the same document as YAML", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "--output", "yaml"], io, engine())).toBe(0);
    expect(parse(io.out()).stacks[0].drift[0].properties).toEqual([{ path: "isEnabled", before: true, after: false }]);
  });

  it("text (the default) prints the drift per stack and says it was not recorded", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-"], io, engine())).toBe(0);
    expect(io.out()).toBe(
      "Stack acme-prod-rds: changed outside planton since the last apply:\n" +
        "  ~ key (aws:kms/key:Key)\n" +
        "      ~ isEnabled = true → false\n" +
        "Not recorded in the state (pass --yes to record it); `planton apply` puts the manifest back.\n",
    );
  });

  it("at a terminal asks, and records on yes", async () => {
    const io = memoryIo({ stdin: manifest, env, tty: true, answers: ["yes"] });
    expect(await runCli(["refresh", "-f", "-", "--color", "never"], io, engine())).toBe(0);
    expect(io.err()).toContain("Record these changes in the state of stack acme-prod-rds?");
    expect(io.out()).toContain("Recorded in the stack's state. Run `planton preview` to see what apply would change back.\n");
    expect(operations()).toEqual(["refresh-preview", "refresh"]);
  });

  it("at a terminal, an answer other than yes writes nothing and exits 1", async () => {
    const io = memoryIo({ stdin: manifest, env, tty: true, answers: ["no"] });
    expect(await runCli(["refresh", "-f", "-", "--color", "never"], io, engine())).toBe(1);
    expect(io.err()).toContain("cannot refresh stack acme-prod-rds: not confirmed (only 'yes' approves); the state was left as it was");
    expect(operations()).toEqual(["refresh-preview"]);
  });

  it("--detailed-exitcode exits 2 on drift and 0 without, and never asks when nothing drifted", async () => {
    expect(await runCli(["refresh", "-f", "-", "--detailed-exitcode"], memoryIo({ stdin: manifest, env }), engine())).toBe(2);
    refreshEvents = [];
    const io = memoryIo({ stdin: manifest, env, tty: true });
    expect(await runCli(["refresh", "-f", "-", "--detailed-exitcode"], io, engine())).toBe(0);
    expect(io.out()).toBe("Stack acme-prod-rds: no drift; the live resources match the state.\n");
    expect(io.err()).not.toContain("Record these changes");
  });

  it("refuses an output format refresh does not have", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "-o", "markdown"], io, engine())).toBe(1);
    expect(io.out()).toBe("");
  });

  it("--verbose keeps the engine's last line even without its newline", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "-o", "json", "--verbose"], io, engine())).toBe(0);
    expect(io.err()).toContain("Refreshing (acme-prod-rds):\nResources: 2 unchanged\n");
    expect(JSON.parse(io.out()).drifted).toBe(true);
  });

  it("json names a stack that could not be refreshed, with the reason, and exits 1", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "-o", "json"], io, engine({ exists: false }))).toBe(1);
    expect(JSON.parse(io.out())).toEqual({
      formatVersion: "2.1",
      stacks: [{ stack: "acme-prod-rds", file: "-", name: "rds", drift: null, recorded: false, locks: [], error: "failed: no such stack in file:///nonexistent" }],
      // Nobody knows whether the stack drifted: not `false`.
      drifted: null,
      ok: false,
      problems: [],
      error: null,
    });
  });
});
