import { PlantonError } from "../../src/core/planton-error";
import { outputsJson } from "../../src/outputs/outputs-json";
import { destroyJson } from "../../src/render/destroy-json";
import { driftJson } from "../../src/render/drift-json";
import { anyOf, runJson } from "../../src/render/run-json";
import type { StacksRun } from "../../src/stack/run-stacks";
import type { StackTarget } from "../../src/stack/stack-targets";

// The JSON documents of the engine commands, from typed runs built by hand: what a CI script reads
// on success and on every kind of failure.

const target = (stack: string): StackTarget =>
  ({ stack, label: { stack, file: `${stack}.yaml`, name: stack }, manifest: { file: `${stack}.yaml`, name: stack } }) as unknown as StackTarget;
const outputs = { keyId: { value: "k-1", secret: false }, region: { value: "us-east-1", secret: false } };
const engineDown = new PlantonError("engine", "cannot apply stack b: the emulator is down");
const invalid = {
  results: [],
  problems: [{ path: "spec.deletionWindowDays", message: "must be between 7 and 30 (got 3)", severity: "error" as const, file: "bad.yaml", line: 7, column: 3, name: "bad" }],
  ok: false,
};

describe("runJson", () => {
  it("carries the version, ok, every problem with its manifest and place, and the run's error", () => {
    expect(runJson(invalid)).toEqual({
      formatVersion: "2.1",
      ok: false,
      problems: [{ file: "bad.yaml", name: "bad", path: "spec.deletionWindowDays", message: "must be between 7 and 30 (got 3)", severity: "error", line: 7, column: 3 }],
      error: null,
    });
    const none = runJson({ problems: [{ path: "", message: "bad --set", severity: "error", name: "" }], ok: false, error: new PlantonError("usage", "cannot apply any stack: no manifests found") });
    expect(none.problems[0]).toMatchObject({ file: null, line: null, column: null });
    expect(none.error).toBe("cannot apply any stack: no manifests found");
  });

  it("anyOf is true when one says yes, false only when all answered no, else null (unknown)", () => {
    expect(anyOf([false, true, undefined])).toBe(true);
    expect(anyOf([false, false])).toBe(false);
    expect(anyOf([false, undefined])).toBeNull();
    expect(anyOf([])).toBeNull();
  });
});

describe("outputsJson (apply, outputs)", () => {
  const one: StacksRun<{ outputs?: typeof outputs }> = { results: [{ target: target("a"), ok: true, changed: false, detail: { outputs } }], problems: [], ok: true };

  it("one stack that succeeded: the StackOutputs message itself", () => {
    expect(outputsJson(one, { refusals: false })).toEqual({ keyId: "k-1", keyArn: "", aliasName: "", aliasArn: "", rotationEnabled: false, region: "us-east-1", replicaKeyArns: {} });
  });

  it("several stacks: each named, with its outputs or its error; apply adds the refusals", () => {
    const run: StacksRun<{ outputs?: typeof outputs }> = {
      results: [one.results[0]!, { target: target("b"), ok: false, changed: false, error: engineDown }],
      problems: [],
      ok: false,
    };
    const document = outputsJson(run, { refusals: true }) as { stacks: unknown[] };
    expect(document).toMatchObject({ formatVersion: "2.1", ok: false, problems: [], error: null });
    expect(document.stacks).toEqual([
      { stack: "a", file: "a.yaml", name: "a", outputs: expect.objectContaining({ keyId: "k-1" }), error: null, locks: [], refusals: [] },
      { stack: "b", file: "b.yaml", name: "b", outputs: null, error: "failed: the emulator is down", locks: [], refusals: [] },
    ]);
  });

  it("an invalid manifest: no stacks, the problems", () => {
    expect(outputsJson(invalid, { refusals: false })).toMatchObject({ formatVersion: "2.1", ok: false, stacks: [], problems: [{ path: "spec.deletionWindowDays", line: 7 }] });
  });
});

describe("driftJson and destroyJson", () => {
  it("refresh: drifted is null when a stack failed and none drifted, true when one drifted", () => {
    const failed = { target: target("b"), ok: false, changed: false, error: engineDown };
    const clean = { target: target("a"), ok: true, changed: false, detail: { drift: [], recorded: false } };
    expect(driftJson({ results: [clean, failed], problems: [], ok: false })).toMatchObject({
      drifted: null,
      stacks: [{ stack: "a", drift: [], error: null }, { stack: "b", drift: null, error: "failed: the emulator is down" }],
    });
    expect(driftJson({ results: [clean], problems: [], ok: true }).drifted).toBe(false);
  });

  it("destroy: a skipped stack says so", () => {
    const document = destroyJson({ results: [{ target: target("a"), ok: false, changed: false, skipped: "interrupted" }], problems: [], ok: false });
    expect(document.stacks).toEqual([{ stack: "a", file: "a.yaml", name: "a", scheduled: [], removed: [], destroyed: false, locks: [], error: "skipped (interrupted)" }]);
    expect(document.formatVersion).toBe("2.1");
  });
});
