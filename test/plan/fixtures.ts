import type { EngineEvent, PropertyDiffInfo, StepInfo, StepOp } from "../../src/engine/engine-event";

// Engine events as the preview of the example manifest produces them, for plan and render tests.

export const STACK_URN = "urn:pulumi:acme-prod-rds::planton::pulumi:pulumi:Stack::planton-acme-prod-rds";
export const KEY_URN = "urn:pulumi:acme-prod-rds::planton::aws:kms/key:Key::key";
export const ALIAS_URN = "urn:pulumi:acme-prod-rds::planton::aws:kms/alias:Alias::alias";
export const REPLICA_URN = "urn:pulumi:acme-prod-rds::planton::aws:kms/replicaKey:ReplicaKey::replica-eu-west-1";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/SecurityAdmin" }, Action: "kms:*", Resource: "*" }],
});

export const KEY_INPUTS = {
  __defaults: [],
  customerMasterKeySpec: "SYMMETRIC_DEFAULT",
  deletionWindowInDays: 30,
  description: "Production RDS cluster encryption key",
  enableKeyRotation: true,
  isEnabled: true,
  keyUsage: "ENCRYPT_DECRYPT",
  multiRegion: false,
  policy: POLICY,
  rotationPeriodInDays: 365,
  tags: { CostCenter: "1234", "planton:name": "prod-rds-primary" },
};

export const ALIAS_INPUTS = { name: "alias/prod/rds-primary", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" };

/** A step with the defaults a test does not care about. */
export function step(op: StepOp, urn: string, fields: Partial<StepInfo> = {}): StepInfo {
  const parts = urn.split("::");
  return { op, urn, type: parts[2] ?? "", name: parts[3] ?? "", replaceKeys: [], diffs: [], ...fields };
}

/** The state of a resource on one side of a step. */
export function state(inputs: Record<string, unknown>, outputs: Record<string, unknown> = inputs) {
  return { inputs, outputs, protect: false };
}

/** A planned-step event. */
export function planned(s: StepInfo): EngineEvent {
  return { kind: "step-planned", step: s, planning: true };
}

/** A detailed diff entry. */
export function diff(kind: PropertyDiffInfo["kind"], inputDiff = true): PropertyDiffInfo {
  return { kind, inputDiff };
}

/** Preview of a new stack: the stack, key and alias are created. */
export function createEvents(): EngineEvent[] {
  return [
    planned(step("create", STACK_URN)),
    planned(step("create", "urn:pulumi:acme-prod-rds::planton::pulumi:providers:aws::default_7_48_0")),
    planned(step("create", KEY_URN, { new: state(KEY_INPUTS) })),
    planned(step("create", ALIAS_URN, { new: state({ name: ALIAS_INPUTS.name, targetKeyId: UNKNOWN }) })),
  ];
}

/** Preview after the description and one tag changed. */
export function updateEvents(): EngineEvent[] {
  const after = { ...KEY_INPUTS, description: "Primary RDS key", tags: { CostCenter: "5678", "planton:name": "prod-rds-primary" } };
  return [
    planned(step("same", STACK_URN)),
    planned(step("update", KEY_URN, {
      old: state(KEY_INPUTS),
      new: state(after),
      diffs: ["description", "tags"],
      detailedDiff: { description: diff("update"), tags: diff("update") },
    })),
    planned(step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) })),
  ];
}

/** Preview after keySpec changed: the key is replaced and the alias retargeted. */
export function replaceEvents(): EngineEvent[] {
  const after = { ...KEY_INPUTS, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", enableKeyRotation: false };
  const keyStep = {
    old: state(KEY_INPUTS),
    new: state(after),
    replaceKeys: ["customerMasterKeySpec", "keyUsage"],
    diffs: ["customerMasterKeySpec", "enableKeyRotation", "keyUsage"],
    detailedDiff: {
      customerMasterKeySpec: diff("update-replace"),
      enableKeyRotation: diff("update"),
      keyUsage: diff("update-replace"),
    },
  };
  return [
    planned(step("same", STACK_URN)),
    planned(step("create-replacement", KEY_URN, keyStep)),
    planned(step("replace", KEY_URN, keyStep)),
    planned(step("update", ALIAS_URN, {
      old: state(ALIAS_INPUTS),
      new: state({ ...ALIAS_INPUTS, targetKeyId: UNKNOWN }),
      diffs: ["targetKeyId"],
      detailedDiff: { targetKeyId: diff("update") },
    })),
    planned(step("delete-replaced", KEY_URN, keyStep)),
  ];
}

/** Preview after a replica region was removed from the manifest. */
export function deleteEvents(): EngineEvent[] {
  return [
    planned(step("same", STACK_URN)),
    planned(step("same", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
    planned(step("delete", REPLICA_URN, {
      old: state({ deletionWindowInDays: 7, description: "Production RDS cluster encryption key", primaryKeyArn: "arn:aws:kms:us-east-1:111122223333:key/mrk-1" }),
    })),
  ];
}
