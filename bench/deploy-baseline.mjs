#!/usr/bin/env node
// The hand-written baseline of `npm run bench:deploy` (bench/deploy.mjs): the smallest Automation
// API script that deploys what `planton apply` deploys for examples/minimal.yaml (see
// src/program/create-program.ts), with nothing of planton around it: no manifest, no validation,
// no preview, no plan, no guard. One fresh stack, `createOrSelectStack` + `up`.
//
//   node bench/deploy-baseline.mjs STACK NAME
//
// STACK is the stack (use a new one each run), NAME stands for metadata.name (alias/NAME, the
// planton:name tag). Region and KMS endpoint come from AWS_REGION and AWS_ENDPOINT_URL_KMS, the
// backend from PULUMI_BACKEND_URL, as scripts/sandbox sets them. Prints `baseline: stack ready`
// on stderr once the stack is open, so deploy.mjs can split the time into phases.
import { createRequire } from "node:module";

// The SDK's inline programs must see the very @pulumi/pulumi the Automation API loaded, and the
// packages are CommonJS without an exports map: load them the way planton's dist/ does.
const require = createRequire(import.meta.url);
const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const aws = require("@pulumi/aws");

const [stackName, name] = process.argv.slice(2);
if (!stackName || !name) {
  console.error("usage: node bench/deploy-baseline.mjs STACK NAME");
  process.exit(2);
}
const region = process.env.AWS_REGION ?? "us-east-1";
const endpoint = process.env.AWS_ENDPOINT_URL_KMS;

const program = async () => {
  // Same inputs as planton's primary provider with an endpoint (primaryProviderArgs).
  const primary = new aws.Provider("primary", {
    region,
    ...(endpoint
      ? {
          endpoints: [{ kms: endpoint }],
          skipCredentialsValidation: true,
          skipMetadataApiCheck: true,
          skipRegionValidation: true,
          skipRequestingAccountId: true,
        }
      : {}),
  });
  const identity = aws.getCallerIdentityOutput({}, { provider: primary });
  // The policy planton generates for a manifest without spec.policy, as the same 2-space JSON text.
  const policy = identity.apply((id) =>
    JSON.stringify(
      {
        Version: "2012-10-17",
        Id: "key-default-1",
        Statement: [
          {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: `arn:${id.arn.split(":")[1] || "aws"}:iam::${id.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      },
      null,
      2,
    ),
  );
  const key = new aws.kms.Key(
    "key",
    {
      description: "",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      isEnabled: true,
      multiRegion: false,
      bypassPolicyLockoutSafetyCheck: false,
      tags: { "planton:name": name, "planton:kind": "AwsKmsKey" },
      policy,
    },
    { provider: primary, protect: false },
  );
  const alias = new aws.kms.Alias(
    "alias",
    { name: `alias/${name}`, targetKeyId: key.keyId },
    { provider: primary, protect: false, replaceOnChanges: ["targetKeyId"], deleteBeforeReplace: true },
  );
  return {
    keyId: key.keyId,
    keyArn: key.arn,
    aliasName: alias.name,
    aliasArn: alias.arn,
    rotationEnabled: key.enableKeyRotation,
    region,
    replicaKeyArns: {},
  };
};

const stack = await LocalWorkspace.createOrSelectStack({ stackName, projectName: "planton-baseline", program });
console.error("baseline: stack ready");
const result = await stack.up({ color: "never" });
console.log(JSON.stringify(Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]))));
