import { runCli } from "../../src/cli/main";
import { previewStack } from "../../src/cli/preview-stack";
import { runOperation } from "../../src/engine/run-operation";
import { buildPlan } from "../../src/plan/build-plan";
import type { EngineEvent } from "../../src/engine/engine-event";
import { memoryIo } from "../support/memory-io";
import { STACK_ENV, STACK_MANIFEST } from "./stack-command-fixtures";
import { KEY_INPUTS, KEY_URN, planned, state, step, updateEvents } from "../plan/fixtures";

// Whether preview and apply read the live resources: the default does, --no-refresh does not, and
// apply's update reads them again only when the preview found drift (to put the manifest back).

let previewEvents: EngineEvent[] = updateEvents();
jest.mock("../../src/cli/preview-stack", () => ({
  previewStack: jest.fn(async (target: { stack: string; manifest: { file: string; name: string } }) => ({
    handle: { close: () => undefined },
    plan: buildPlan({ stack: target.stack, file: target.manifest.file, name: target.manifest.name }, previewEvents),
    refusals: [],
    events: previewEvents,
  })),
}));
jest.mock("../../src/engine/run-operation", () => ({
  runOperation: jest.fn(async () => ({ events: [], outputs: {} })),
  readOutputs: jest.fn(async () => ({})),
}));

const drifted: EngineEvent[] = [
  planned(step("refresh", KEY_URN, { old: state(KEY_INPUTS) })),
  { kind: "resource-done", step: step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }), diffs: ["isEnabled"] }), planning: true },
  ...updateEvents(),
];

beforeEach(() => {
  previewEvents = updateEvents();
  jest.mocked(previewStack).mockClear();
  jest.mocked(runOperation).mockClear();
});

const refreshOption = (): boolean => jest.mocked(previewStack).mock.calls[0]![1].refresh;
const updateRefresh = (): boolean | undefined => jest.mocked(runOperation).mock.calls.find((c) => c[1] === "update")?.[2]?.refresh;

describe("--no-refresh", () => {
  it("preview reads the live resources unless --no-refresh", async () => {
    await runCli(["preview", "-f", "-"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }));
    expect(refreshOption()).toBe(true);
    jest.mocked(previewStack).mockClear();
    await runCli(["preview", "-f", "-", "--no-refresh"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }));
    expect(refreshOption()).toBe(false);
  });

  it("apply's update reads the live resources again only when the preview found drift", async () => {
    expect(await runCli(["apply", "-f", "-", "--yes"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }))).toBe(0);
    expect(refreshOption()).toBe(true);
    expect(updateRefresh()).toBe(false);
    jest.mocked(runOperation).mockClear();
    previewEvents = drifted;
    expect(await runCli(["apply", "-f", "-", "--yes"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }))).toBe(0);
    expect(updateRefresh()).toBe(true);
  });

  it("apply --no-refresh passes it on", async () => {
    await runCli(["apply", "-f", "-", "--yes", "--no-refresh"], memoryIo({ stdin: STACK_MANIFEST, env: STACK_ENV }));
    expect(refreshOption()).toBe(false);
  });
});
