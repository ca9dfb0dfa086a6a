/**
 * Provider functions (invokes): getCallerIdentity, getRegion, getPartition.
 * There is no STS emulator, so the identity is the emulated account's root.
 */
import { InvokeResult } from "@pulumi/pulumi/provider";
import { ProviderConfig, accountId, effectiveRegion } from "./config";
import { Props, str } from "./values";

const REGION_NAMES: Record<string, string> = {
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
  "eu-west-1": "Europe (Ireland)",
  "eu-west-2": "Europe (London)",
  "eu-central-1": "Europe (Frankfurt)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
};

type Invoke = (cfg: ProviderConfig, args: Props) => Props;

const INVOKES: Record<string, Invoke> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => {
    const acct = accountId();
    return { accountId: acct, arn: `arn:aws:iam::${acct}:root`, userId: acct, id: acct };
  },
  "aws:index/getRegion:getRegion": (cfg, args) => {
    const region = str(args, "region") ?? str(args, "name") ?? effectiveRegion(cfg);
    return {
      id: region,
      name: region,
      region,
      endpoint: `ec2.${region}.amazonaws.com`,
      description: REGION_NAMES[region] ?? region,
    };
  },
  "aws:index/getPartition:getPartition": () => ({
    id: "aws",
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
};

/** Runs the invoke `token`, or reports it as unsupported. */
export function invoke(cfg: ProviderConfig, token: string, args: Props): InvokeResult {
  const fn = INVOKES[token];
  if (!fn) throw new Error(`the test aws provider does not implement the function ${token}`);
  return { outputs: fn(cfg, args) };
}
