import { create } from "@bufbuild/protobuf";
import {
  AwsKmsKeyStackOutputsSchema,
  type AwsKmsKeyStackOutputs,
} from "../../gen/project/planton/provider/aws/awskmskey/v1/stack_outputs_pb";
import { isRecord } from "../plan/unknown-value";

/** Stack outputs as the engine hands them over: the Automation API's `{ value, secret }` map, or plain values. */
export type EngineOutputs = Readonly<Record<string, unknown>>;

/**
 * Turns a stack's outputs into `AwsKmsKeyStackOutputs`. Accepts the Automation API's OutputMap
 * (`{ keyId: { value, secret } }`) as well as plain values. Missing or mistyped entries become the
 * field's zero value: a stack deployed by an older planton, or half-deployed, still prints.
 */
export function toStackOutputs(outputs: EngineOutputs): AwsKmsKeyStackOutputs {
  const value = (name: string): unknown => unwrap(outputs[name]);
  return create(AwsKmsKeyStackOutputsSchema, {
    keyId: asString(value("keyId")),
    keyArn: asString(value("keyArn")),
    aliasName: asString(value("aliasName")),
    aliasArn: asString(value("aliasArn")),
    rotationEnabled: asBoolean(value("rotationEnabled")),
    region: asString(value("region")),
    replicaKeyArns: asStringMap(value("replicaKeyArns")),
  });
}

/** An OutputMap entry is an object with `value` and at most `secret` besides; anything else is a plain value. */
function unwrap(entry: unknown): unknown {
  if (!isRecord(entry) || !("value" in entry)) return entry;
  return Object.keys(entry).every((k) => k === "value" || k === "secret") ? entry["value"] : entry;
}

function asString(v: unknown): string {
  return typeof v === "string" ? v : "";
}

// Outputs read back from some backends arrive as strings.
function asBoolean(v: unknown): boolean {
  return v === true || v === "true";
}

function asStringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, item] of Object.entries(v)) if (typeof item === "string") out[k] = item;
  return out;
}
