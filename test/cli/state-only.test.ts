import { runCli } from "../../src/cli/main";
import type { EngineEvent } from "../../src/engine/engine-event";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";

// destroy, refresh and outputs with `--stack NAME` and no -f: they work from the stack's state,
// opening the existing stack without a program; preview and apply still need a manifest.

const env = { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" };
const destroyEvents: EngineEvent[] = [
  planned(step("delete", ALIAS_URN, { old: state(ALIAS_INPUTS) })),
  planned(step("delete", KEY_URN, { old: state({ ...KEY_INPUTS, deletionWindowInDays: 7 }) })),
];
const outputs = { keyId: { value: "k-1", secret: false }, region: { value: "eu-west-1", secret: false } };

describe("--stack NAME without -f", () => {
  it("destroy previews and destroys the named stack from its state, opening it without a program", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ events: { "destroy-preview": destroyEvents } });
    expect(await runCli(["destroy", "--stack", "old-key", "--yes"], io, engine)).toBe(0);
    expect(engine.operations()).toEqual(["old-key:destroy-preview", "old-key:destroy"]);
    expect(engine.calls.filter((c) => c.kind === "open")).toEqual([{ kind: "open", stack: "old-key" }]);
    expect(io.out()).toContain("Stack old-key (state only)");
    expect(io.out()).toContain("key (aws:kms/key:Key): scheduled for deletion in 7 days");
    expect(io.err()).toContain("  ok      old-key (state only): ");
  });

  it("destroy -o json names the stack with an empty file and name", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["destroy", "--stack", "old-key", "--yes", "-o", "json"], io, fakeEngine({ events: { "destroy-preview": destroyEvents } }))).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ ok: true, stacks: [{ stack: "old-key", file: "", name: "", destroyed: true }] });
  });

  it("outputs prints the stack's outputs, region included", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["outputs", "--stack", "old-key", "-o", "json"], io, fakeEngine({ outputs }))).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ keyId: "k-1", region: "eu-west-1" });
  });

  it("refresh reads the named stack's drift (off a terminal without --yes it only reports)", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({});
    expect(await runCli(["refresh", "--stack", "old-key"], io, engine)).toBe(0);
    expect(engine.operations()).toEqual(["old-key:refresh-preview"]);
  });

  it("a stack that is not in the backend fails with a hint to list them", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["outputs", "--stack", "nope"], io, fakeEngine({ exists: false }))).toBe(1);
    expect(io.err()).toContain("error: cannot read the outputs of stack nope: no stack named nope in file:///nonexistent");
    expect(io.err()).toContain("planton stacks lists the stacks in this backend");
  });

  it.each(["destroy", "refresh", "outputs"])("%s without -f and without --stack says to pass one of them", async (command) => {
    const io = memoryIo({ env });
    const engine = fakeEngine({});
    expect(await runCli(command === "destroy" ? [command, "--yes"] : [command], io, engine)).toBe(1);
    expect(io.err()).toContain("no manifests found");
    expect(io.err()).toContain("or --stack NAME alone to work from the stack's state");
    expect(engine.calls).toEqual([]);
  });

  it("preview still requires -f", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["preview", "--stack", "old-key"], io, fakeEngine({}))).toBe(1);
    expect(io.err()).toContain("required option '-f, --filename <path>' not specified");
  });

  it("apply still requires -f, or a saved plan in its place", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({});
    expect(await runCli(["apply", "--stack", "old-key"], io, engine)).toBe(1);
    expect(io.err()).toBe("error: cannot apply: pass -f with a manifest, or --plan with a plan saved by `planton preview --out`\n");
    expect(engine.calls).toEqual([]);
  });
});
