import type { AwsKmsKeyStackOutputs } from "../../gen/project/planton/provider/aws/awskmskey/v1/stack_outputs_pb";

/**
 * `--output text`: one aligned `name  value` line per output, in the JSON names so a reader can
 * move to `--output json` without a dictionary; one `replicaKeyArns.<region>` line per replica.
 */
export function renderStackOutputsText(outputs: AwsKmsKeyStackOutputs): string {
  const rows: [string, string][] = [
    ["keyId", outputs.keyId],
    ["keyArn", outputs.keyArn],
    ["aliasName", outputs.aliasName],
    ["aliasArn", outputs.aliasArn],
    ["rotationEnabled", String(outputs.rotationEnabled)],
    ["region", outputs.region],
  ];
  const regions = Object.keys(outputs.replicaKeyArns).sort();
  if (regions.length === 0) rows.push(["replicaKeyArns", "(none)"]);
  for (const region of regions) rows.push([`replicaKeyArns.${region}`, outputs.replicaKeyArns[region] ?? ""]);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value === "" ? "-" : value}`.trimEnd() + "\n").join("");
}
