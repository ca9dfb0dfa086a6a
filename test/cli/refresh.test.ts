import { parse } from "yaml";
import { runCli } from "../../src/cli/main";
import type { EngineEvent } from "../../src/engine/engine-event";
import { fakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { STACK_ENV, STACK_MANIFEST } from "./stack-command-fixtures";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, state, step } from "../plan/fixtures";

// refresh with the engine replaced by the events of a refresh that found the key disabled out of
// band: what the command prints for each --output. The real engine is covered by test/e2e.

const refreshEvents: EngineEvent[] = [
  { kind: "resource-done", step: step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }) }), planning: false },
  { kind: "resource-done", step: step("refresh", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) }), planning: false },
];

/** The engine of a refresh that finds the key disabled, writing a last line without its newline. */
const engine = (extra: FakeEngineOptions = {}) =>
  fakeEngine({ events: { refresh: refreshEvents }, engineOutput: "Refreshing (acme-prod-rds):\nResources: 2 unchanged", ...extra });

const manifest = STACK_MANIFEST;
const env = STACK_ENV;

describe("planton refresh --output", () => {
  it("json prints exactly one document on stdout with the drift, progress on stderr", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "-o", "json"], io, engine())).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      formatVersion: "2.0",
      stacks: [
        {
          stack: "acme-prod-rds",
          file: "-",
          name: "rds",
          drift: [{ name: "key", type: "aws:kms/key:Key", op: "update", properties: [{ path: "isEnabled", before: true, after: false }] }],
          error: null,
        },
      ],
      drifted: true,
      ok: true,
      problems: [],
      error: null,
    });
    expect(io.err()).toContain("planton refresh: 1 stack\n  ok      acme-prod-rds (-): 1 resource drifted\n");
  });

  it("yaml prints the same document as YAML", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-", "--output", "yaml"], io, engine())).toBe(0);
    expect(parse(io.out()).stacks[0].drift[0].properties).toEqual([{ path: "isEnabled", before: true, after: false }]);
  });

  it("text (the default) prints the drift per stack", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["refresh", "-f", "-"], io, engine())).toBe(0);
    expect(io.out()).toBe(
      "Stack acme-prod-rds: the refresh recorded changes made outside planton:\n" +
        "  ~ key (aws:kms/key:Key)\n" +
        "      ~ isEnabled = true → false\n" +
        "Run `planton preview` to see what apply would change back.\n",
    );
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
      formatVersion: "2.0",
      stacks: [{ stack: "acme-prod-rds", file: "-", name: "rds", drift: null, error: "failed: no such stack in file:///nonexistent" }],
      // Nobody knows whether the stack drifted: not `false`.
      drifted: null,
      ok: false,
      problems: [],
      error: null,
    });
  });
});
