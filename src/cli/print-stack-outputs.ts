import { outputsJson, type OutputsDetail } from "../outputs/outputs-json";
import { renderStackOutputsText } from "../outputs/render-stack-outputs-text";
import { toStackOutputs } from "../outputs/to-stack-outputs";
import type { StacksRun } from "../stack/run-stacks";
import { labelSource } from "../stack/stack-targets";
import type { CommandDocument } from "./print-document";

/**
 * What apply and outputs print at the end: `text` the outputs of every stack that has them, as
 * aligned lines under a `# stack (file)` heading when there are several stacks; `json`/`yaml`
 * one document (see outputsJson), whatever happened.
 */
export function stackOutputsDocument(run: StacksRun<OutputsDetail>, options: { readonly refusals: boolean }): CommandDocument {
  const found = run.results.flatMap((r) => (r.detail?.outputs !== undefined ? [{ target: r.target, outputs: toStackOutputs(r.detail.outputs) }] : []));
  const text = found
    .map((o) => (found.length > 1 ? `# ${o.target.stack} (${labelSource(o.target.label)})\n` : "") + renderStackOutputsText(o.outputs))
    .join("\n");
  return { data: outputsJson(run, options), ...(found.length > 0 ? { text } : {}) };
}
