import { exampleManifest } from "../manifest/example-manifest";
import type { ExitCode } from "./exit";
import { runCli } from "./main";

// The init example has its policy commented out, so a second document carries one: the policy
// checks (ARNs, lockout, size) and the policy builder must be warm too, not only the field rules.
const withPolicy = `---
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata:
  name: warm-up-policy
spec:
  region: us-east-1
  policy:
    adminRole: "arn:aws:iam::123456789012:role/SecurityAdmin"
    usageRoles:
      - "arn:aws:iam::123456789012:role/AppRole"
    encryptionContext:
      App: warm-up
`;

/**
 * Runs `planton validate` and `planton policy` once, in memory, on the `init` example and on a
 * manifest with a policy block, so that a startup snapshot taken afterwards
 * (scripts/build-snapshot.mjs) already holds the loaded descriptors, the validator with its
 * compiled rules and the policy checks: a command then starts about as fast as bare node.
 * Returns the runs' exit codes (all 0 unless the warm-up manifests have gone stale).
 */
export async function warmUp(): Promise<ExitCode[]> {
  const discard = { write: () => undefined, isTTY: false };
  const stdin = `${exampleManifest("warm-up")}${withPolicy}`;
  const io = { stdout: discard, stderr: discard, readStdin: () => stdin, stdinIsTTY: false, ask: async () => "", env: {}, cwd: "/" };
  return [await runCli(["validate", "-f", "-"], io), await runCli(["policy", "-f", "-", "--region", "us-east-1"], io)];
}
