import type { EngineEvent as SdkEngineEvent } from "@pulumi/pulumi/automation";
import { DiffKind } from "@pulumi/pulumi/automation";
import { toEngineEvent } from "../../src/engine/to-engine-event";

const urn = "urn:pulumi:dev::planton::aws:kms/key:Key::key";
const base = { sequence: 1, timestamp: 0 };

describe("toEngineEvent", () => {
  it("turns a resource pre-event into a planned step with its diff", () => {
    const sdk: SdkEngineEvent = {
      ...base,
      resourcePreEvent: {
        planning: true,
        metadata: {
          op: "replace",
          urn,
          type: "aws:kms/key:Key",
          provider: "",
          old: { type: "aws:kms/key:Key", urn, id: "k-1", parent: "", provider: "", inputs: { keyUsage: "ENCRYPT_DECRYPT" }, outputs: {}, protect: true },
          new: { type: "aws:kms/key:Key", urn, id: "", parent: "", provider: "", inputs: { keyUsage: "SIGN_VERIFY" }, outputs: {} },
          keys: ["keyUsage"],
          diffs: ["keyUsage"],
          detailedDiff: { keyUsage: { diffKind: DiffKind.updateReplace, inputDiff: true } },
        },
      },
    };
    expect(toEngineEvent(sdk)).toEqual({
      kind: "step-planned",
      planning: true,
      step: {
        op: "replace",
        urn,
        type: "aws:kms/key:Key",
        name: "key",
        old: { id: "k-1", inputs: { keyUsage: "ENCRYPT_DECRYPT" }, outputs: {}, protect: true },
        new: { id: "", inputs: { keyUsage: "SIGN_VERIFY" }, outputs: {}, protect: false },
        replaceKeys: ["keyUsage"],
        diffs: ["keyUsage"],
        detailedDiff: { keyUsage: { kind: "update-replace", inputDiff: true } },
      },
    });
  });

  it("keeps diagnostics, summaries and cancellations, and drops the rest", () => {
    expect(toEngineEvent({ ...base, diagnosticEvent: { message: "boom", color: "never", severity: "error", urn } })).toEqual({
      kind: "diagnostic", severity: "error", message: "boom", urn,
    });
    expect(toEngineEvent({ ...base, diagnosticEvent: { message: "hi", color: "never", severity: "info#err" } })).toEqual({
      kind: "diagnostic", severity: "info", message: "hi",
    });
    expect(toEngineEvent({ ...base, cancelEvent: {} })).toEqual({ kind: "cancelled" });
    expect(toEngineEvent({ ...base, stdoutEvent: { message: "x", color: "never" } })).toBeUndefined();
    const summary = toEngineEvent({
      ...base,
      summaryEvent: { maybeCorrupt: false, durationSeconds: 3, resourceChanges: { create: 2, same: 0 }, policyPacks: {} },
    });
    expect(summary).toEqual({ kind: "summary", changes: { create: 2 }, durationSeconds: 3 });
  });
});
