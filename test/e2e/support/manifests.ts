/** The contract's example manifest, with the emulator's account in the ARNs and a few knobs for tests. */
export function keyManifest(options: { name: string; keySpec?: string; keyUsage?: string; description?: string; window?: number; replicas?: string[]; enableRotation?: boolean; multiRegion?: boolean }): string {
  const replicas = options.replicas ?? [];
  const lines = [
    "apiVersion: aws.project-planton.org/v1",
    "kind: AwsKmsKey",
    "metadata:",
    `  name: ${options.name}`,
    "  org: acme",
    "  env: prod",
    "spec:",
    "  region: us-east-1",
    `  alias: "alias/prod/${options.name}"`,
    `  description: "${options.description ?? "Production RDS cluster encryption key"}"`,
    `  keySpec: ${options.keySpec ?? "SYMMETRIC_DEFAULT"}`,
    ...(options.keyUsage ? [`  keyUsage: ${options.keyUsage}`] : []),
    ...(options.enableRotation !== undefined ? [`  enableRotation: ${options.enableRotation}`] : []),
    `  deletionWindowDays: ${options.window ?? 30}`,
    ...(replicas.length > 0 || options.multiRegion ? ["  multiRegion: true"] : []),
    ...(replicas.length > 0 ? [`  replicaRegions: [${replicas.join(", ")}]`] : []),
    '  tags: { CostCenter: "1234" }',
    "  policy:",
    '    adminRole: "arn:aws:iam::111122223333:role/SecurityAdmin"',
    "    usageRoles:",
    '      - "arn:aws:iam::111122223333:role/RDSServiceRole"',
    "",
  ];
  return lines.join("\n");
}
