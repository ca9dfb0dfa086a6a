import { runCli } from "../../src/cli/main";
import type { EngineEvent } from "../../src/engine/engine-event";
import type { Operation } from "../../src/engine/run-operation";
import { fakeEngine, type FakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { STACK_ENV, STACK_MANIFEST } from "./stack-command-fixtures";
import { KEY_INPUTS, KEY_URN, planned, state, step, updateEvents } from "../plan/fixtures";

// Whether preview and apply read the live resources: the default does, --no-refresh does not, and
// apply's update reads them again only when the preview found drift (to put the manifest back).

const drifted: EngineEvent[] = [
  planned(step("refresh", KEY_URN, { old: state(KEY_INPUTS) })),
  { kind: "resource-done", step: step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }), diffs: ["isEnabled"] }), planning: true },
  ...updateEvents(),
];

const engine = (preview: EngineEvent[] = updateEvents()): FakeEngine => fakeEngine({ events: { preview } });

/** The `refresh` option the engine got for the first run of `operation`. */
const refreshOf = (e: FakeEngine, operation: Operation): boolean | undefined =>
  e.calls.flatMap((c) => (c.kind === "run" && c.operation === operation ? [c.options.refresh] : []))[0];

describe("--no-refresh", () => {
  it("preview reads the live resources unless --no-refresh", async () => {
    const reading = engine();
    await runCli(["preview", "-f", "-"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }), reading);
    expect(refreshOf(reading, "preview")).toBe(true);
    const notReading = engine();
    await runCli(["preview", "-f", "-", "--no-refresh"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }), notReading);
    expect(refreshOf(notReading, "preview")).toBe(false);
  });

  it("apply's update reads the live resources again only when the preview found drift", async () => {
    const clean = engine();
    expect(await runCli(["apply", "-f", "-", "--yes"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }), clean)).toBe(0);
    expect(refreshOf(clean, "preview")).toBe(true);
    expect(refreshOf(clean, "update")).toBe(false);
    const drifting = engine(drifted);
    expect(await runCli(["apply", "-f", "-", "--yes"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }), drifting)).toBe(0);
    expect(refreshOf(drifting, "update")).toBe(true);
  });

  it("apply --no-refresh passes it on", async () => {
    const e = engine();
    await runCli(["apply", "-f", "-", "--yes", "--no-refresh"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }), e);
    expect(refreshOf(e, "preview")).toBe(false);
  });
});
