import type { EngineEvent as SdkEngineEvent, StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import { nameFromUrn, type DiagnosticSeverity, type EngineEvent, type PropertyDiffInfo, type ResourceStateInfo, type StepInfo } from "./engine-event";

/**
 * The one border between the SDK's event shape and planton's: each SDK event becomes at most one
 * planton event; preludes, stdout chatter and policy events are dropped.
 */
export function toEngineEvent(event: SdkEngineEvent): EngineEvent | undefined {
  if (event.resourcePreEvent) {
    return { kind: "step-planned", step: toStep(event.resourcePreEvent.metadata), planning: event.resourcePreEvent.planning === true };
  }
  if (event.resOutputsEvent) {
    return { kind: "resource-done", step: toStep(event.resOutputsEvent.metadata), planning: event.resOutputsEvent.planning === true };
  }
  if (event.resOpFailedEvent) return { kind: "resource-failed", step: toStep(event.resOpFailedEvent.metadata) };
  if (event.diagnosticEvent) {
    const d = event.diagnosticEvent;
    return { kind: "diagnostic", severity: severity(d.severity), message: d.message, ...(d.urn ? { urn: d.urn } : {}) };
  }
  if (event.summaryEvent) {
    const changes: Record<string, number> = {};
    for (const [op, count] of Object.entries(event.summaryEvent.resourceChanges ?? {})) if (count) changes[op] = count;
    return { kind: "summary", changes, durationSeconds: event.summaryEvent.durationSeconds };
  }
  if (event.cancelEvent) return { kind: "cancelled" };
  return undefined;
}

function severity(value: string): DiagnosticSeverity {
  switch (value) {
    case "error":
      return "error";
    case "warning":
      return "warning";
    default:
      return "info";
  }
}

function toStep(metadata: StepEventMetadata): StepInfo {
  const detailedDiff = metadata.detailedDiff
    ? Object.fromEntries(
        Object.entries(metadata.detailedDiff).map(([path, d]): [string, PropertyDiffInfo] => [
          path,
          { kind: d.diffKind as PropertyDiffInfo["kind"], inputDiff: d.inputDiff === true },
        ]),
      )
    : undefined;
  return {
    op: metadata.op,
    urn: metadata.urn,
    type: metadata.type,
    name: nameFromUrn(metadata.urn),
    ...(metadata.old ? { old: toState(metadata.old) } : {}),
    ...(metadata.new ? { new: toState(metadata.new) } : {}),
    replaceKeys: metadata.keys ?? [],
    diffs: metadata.diffs ?? [],
    ...(detailedDiff ? { detailedDiff } : {}),
  };
}

function toState(state: StepEventStateMetadata): ResourceStateInfo {
  return { id: state.id, inputs: state.inputs ?? {}, outputs: state.outputs ?? {}, protect: state.protect === true };
}
