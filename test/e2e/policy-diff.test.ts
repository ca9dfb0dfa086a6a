import { GetKeyPolicyCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import { readFileSync } from "node:fs";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";

// The key-policy diff against the real engine and the emulator: a reformatted raw policy is no
// change, a broadened one previews statement by statement (text, JSON, markdown, job summary),
// and preview and apply refuse it off a terminal until --allow-broadening.

jest.setTimeout(240_000);

const ADMIN = "arn:aws:iam::111122223333:role/SecurityAdmin";
const APP = "arn:aws:iam::111122223333:role/App";
const ANALYTICS = "arn:aws:iam::111122223333:role/Analytics";

function manifest(policy: object, format: (p: object) => string = (p) => JSON.stringify(p)): string {
  return [
    "apiVersion: aws.project-planton.org/v1",
    "kind: AwsKmsKey",
    "metadata:",
    "  name: raw-policy",
    "spec:",
    "  region: us-east-1",
    "  policy:",
    `    policyJson: '${format(policy)}'`,
    "",
  ].join("\n");
}

const admin = { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey", "kms:ScheduleKeyDeletion"], Resource: "*" };
const use = { Sid: "Use", Effect: "Allow", Principal: { AWS: [APP] }, Action: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" };
const policy = { Version: "2012-10-17", Statement: [admin, use] };

describeE2e("planton against the sandbox: key policy diffs", () => {
  const sandbox = useSandbox();

  beforeAll(async () => {
    expectExit(await sandbox.planton(["apply", "-f", sandbox.write("key.yaml", manifest(policy)), "--yes"]), 0);
  });

  it("previews a reformatted, reordered and respelled policy as no change", async () => {
    const respelled = {
      Statement: [
        { Resource: ["*"], Action: ["KMS:encrypt", "kms:Decrypt"], Principal: { AWS: APP }, Effect: "Allow", Sid: "Use" },
        { ...admin, Principal: { AWS: [ADMIN] }, Action: ["kms:describekey", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"] },
      ],
      Version: "2012-10-17",
    };
    const file = sandbox.write("respelled.yaml", manifest(respelled, (p) => JSON.stringify(p, null, 1).replace(/\n/g, " ")));
    const run = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode", "--color", "never"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("No changes. The stack matches the manifest.");
  });

  it("previews a broadened policy statement by statement, in every rendering", async () => {
    const wider = { ...policy, Statement: [admin, { ...use, Principal: { AWS: [APP, ANALYTICS] } }] };
    const file = sandbox.write("wider.yaml", manifest(wider));
    const summary = sandbox.write("summary.md", "");

    // Off a terminal preview refuses the broadening as apply would, and says why.
    const refused = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode", "--color", "never"]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain("refused: the key policy change broadens access (pass --allow-broadening)");

    const text = await sandbox.planton(["preview", "-f", file, "--color", "never", "--allow-broadening"]);
    expectExit(text, 0);
    expect(text.stdout).toContain(`key policy: broadens access\n        ~ statement Use (Allow, changed) (broadens access)\n            + principal ${ANALYTICS}`);

    const json = await sandbox.planton(["preview", "-f", file, "-o", "json", "--allow-broadening"]);
    expectExit(json, 0);
    const step = JSON.parse(json.stdout).stacks[0].steps.find((s: { name: string }) => s.name === "key");
    expect(step.policy.broadens).toBe(true);
    expect(step.policy.statements).toEqual([expect.objectContaining({ sid: "Use", status: "changed", principals: { added: [ANALYTICS], removed: [], unchanged: [APP] } })]);

    const markdown = await sandbox.planton(["preview", "-f", file, "-o", "markdown", "--allow-broadening"]);
    expectExit(markdown, 0);
    expect(markdown.stdout).toContain(`| \`Use\` | Allow | changed | + \`${ANALYTICS}\`<br>1 unchanged |`);

    sandbox.env["GITHUB_STEP_SUMMARY"] = summary;
    try {
      expectExit(await sandbox.planton(["preview", "-f", file, "--allow-broadening"]), 0);
    } finally {
      delete sandbox.env["GITHUB_STEP_SUMMARY"];
    }
    expect(readFileSync(summary, "utf8")).toContain("⚠️ **Broadens access:**");
  });

  it("apply refuses the broadening off a terminal, then applies it with --allow-broadening", async () => {
    const wider = { ...policy, Statement: [admin, { ...use, Principal: { AWS: [APP, ANALYTICS] } }] };
    const file = sandbox.write("wider.yaml", manifest(wider));
    const refused = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain("the key policy change broadens access");

    const kms = sandbox.kms("us-east-1");
    const keyId = (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === "alias/raw-policy")?.TargetKeyId;
    const deployed = async () => (await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy ?? "";
    expect(await deployed()).not.toContain(ANALYTICS);

    expectExit(await sandbox.planton(["apply", "-f", file, "--yes", "--allow-broadening"]), 0);
    expect(await deployed()).toContain(ANALYTICS);
  });
});
