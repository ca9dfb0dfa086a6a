import { output, type CustomResourceOptions, type Output } from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { Alias, Key, ReplicaKey } from "@pulumi/aws/kms";
import { Provider } from "@pulumi/aws/provider";
import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { buildPolicy } from "../policy/build-policy";
import { sentPolicyJson } from "../policy/policy-json";
import { keyArgs, replicaKeyArgs } from "./key-args";
import { DEFAULT_KMS_TIMEOUT_SECONDS, operationTimeouts } from "./operation-timeouts";
import type { ProgramOptions } from "./program-options";
import { primaryProviderArgs, replicaProviderArgs } from "./provider-args";
import { RESOURCE_NAMES } from "./resource-names";

/**
 * KMS refuses to repoint an alias at a key of another type or usage (UpdateAlias), so when a
 * replacement gives the alias a new key, the alias is deleted and created again instead of
 * updated; it keeps its name, hence delete before create.
 */
const ALIAS_FOLLOWS_KEY: Pick<CustomResourceOptions, "replaceOnChanges" | "deleteBeforeReplace"> = {
  replaceOnChanges: ["targetKeyId"],
  deleteBeforeReplace: true,
};

/**
 * What KMS cannot report about a key (how long a deletion would wait, whether the lockout check
 * was bypassed): an import reads no value for them, so the program's value is taken as it is.
 */
const WRITE_ONLY: Pick<CustomResourceOptions, "ignoreChanges"> = {
  ignoreChanges: ["deletionWindowInDays", "bypassPolicyLockoutSafetyCheck"],
};

/** Resource options that import `id` (Pulumi's `import`), or none when nothing is adopted. */
function adopting(id: string | undefined, extra: CustomResourceOptions = {}): CustomResourceOptions {
  return id === undefined ? {} : { import: id, ...extra };
}

/** Account and partition the policy is generated for, known only once the provider has credentials. */
interface DeployTarget {
  readonly accountId: string;
  readonly partition: string;
}

/**
 * Builds the inline Pulumi program for one validated, defaulted manifest: an explicit provider for
 * the primary region, the key with its generated policy and identity tags, its alias, and per
 * replica region a provider, a replica key with its own policy, and the same alias. Keys, replicas
 * and aliases are `protect`ed when `spec.deletionProtection` is on. The program returns the stack
 * outputs under `AwsKmsKeyStackOutputs`' JSON names.
 *
 * Every resource uses an explicit provider, so nothing depends on the engine's default provider
 * or on `aws:*` stack config. With `options.adopt` the key, its alias and its replicas are
 * imported rather than created (`planton import`).
 */
export function createProgram(key: AwsKmsKey, options: ProgramOptions): () => Promise<Record<string, unknown>> {
  const spec = key.spec;
  // resolveStackTargets refuses a manifest without a region before any program is built.
  const region = spec?.region ?? "";
  const alias = spec?.alias ?? "";
  const replicaRegions = [...(spec?.replicaRegions ?? [])];
  // protect makes the engine refuse to delete (or replace) a resource until the flag is turned off.
  // The aliases are protected with their keys: a destroy deletes dependents first, so an
  // unprotected alias would be gone (and every app resolving it broken) before the engine
  // reached the protected key and failed.
  const protect = spec?.deletionProtection ?? false;
  const adopt = options.adopt;
  // Every resource, so no call to a silent endpoint waits forever (see operationTimeouts).
  const customTimeouts = operationTimeouts(options.timeoutSeconds ?? DEFAULT_KMS_TIMEOUT_SECONDS);

  return async () => {
    const primary = new Provider(RESOURCE_NAMES.primaryProvider, primaryProviderArgs(region, options));
    const target = deployTarget(primary);
    const policyFor = (policyRegion: string): Output<string> =>
      target.apply((t) => sentPolicyJson(buildPolicy(key, { ...t, region: policyRegion })));

    const kmsKey = new Key(
      RESOURCE_NAMES.key,
      { ...keyArgs(key), policy: policyFor(region), ...(adopt ? { tags: { ...adopt.tags } } : {}) },
      { provider: primary, protect, customTimeouts, ...adopting(adopt?.keyId, WRITE_ONLY) },
    );
    const kmsAlias = new Alias(
      RESOURCE_NAMES.alias,
      { name: alias, targetKeyId: kmsKey.keyId },
      { provider: primary, protect, customTimeouts, ...ALIAS_FOLLOWS_KEY, ...adopting(adopt?.alias) },
    );

    const replicaKeyArns: Record<string, Output<string>> = {};
    for (const replicaRegion of replicaRegions) {
      const adoptReplica = adopt?.replicas[replicaRegion];
      const provider = new Provider(
        RESOURCE_NAMES.replicaProvider(replicaRegion),
        replicaProviderArgs(replicaRegion, options),
      );
      const replica = new ReplicaKey(
        RESOURCE_NAMES.replicaKey(replicaRegion),
        {
          ...replicaKeyArgs(key),
          primaryKeyArn: kmsKey.arn,
          policy: policyFor(replicaRegion),
          ...(adoptReplica ? { tags: { ...adoptReplica.tags } } : {}),
        },
        { provider, protect, customTimeouts, ...adopting(adoptReplica?.keyId, WRITE_ONLY) },
      );
      new Alias(
        RESOURCE_NAMES.replicaAlias(replicaRegion),
        { name: alias, targetKeyId: replica.keyId },
        { provider, protect, customTimeouts, ...ALIAS_FOLLOWS_KEY, ...adopting(adoptReplica?.alias) },
      );
      replicaKeyArns[replicaRegion] = replica.arn;
    }

    return {
      keyId: kmsKey.keyId,
      keyArn: kmsKey.arn,
      aliasName: kmsAlias.name,
      aliasArn: kmsAlias.arn,
      rotationEnabled: kmsKey.enableKeyRotation,
      region,
      replicaKeyArns: output(replicaKeyArns),
    };
  };
}

/**
 * The caller's account, and the partition read off the caller's ARN (`arn:<partition>:...`), which
 * saves a second invoke on every run.
 */
function deployTarget(provider: Provider): Output<DeployTarget> {
  return getCallerIdentityOutput({}, { provider }).apply((identity) => ({
    accountId: identity.accountId,
    partition: identity.arn.split(":")[1] || "aws",
  }));
}
