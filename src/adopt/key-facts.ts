/**
 * What planton learns about a live KMS key before adopting it: the answers of DescribeKey,
 * GetKeyPolicy, GetKeyRotationStatus, ListResourceTags and ListAliases, in plain data (no AWS
 * SDK types), for the key and for each replica of a multi-Region primary.
 */
export interface KeyFacts {
  readonly keyId: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly description: string;
  readonly keySpec: string;
  readonly keyUsage: string;
  readonly enabled: boolean;
  /** `Enabled`, `Disabled`, `PendingDeletion`, ... */
  readonly keyState: string;
  /** `CUSTOMER` or `AWS`. */
  readonly keyManager: string;
  /** `AWS_KMS`, `EXTERNAL` (imported key material), `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`. */
  readonly origin: string;
  readonly customKeyStoreId?: string;
  readonly multiRegion: boolean;
  /** `PRIMARY` or `REPLICA` for a multi-Region key. */
  readonly multiRegionKeyType?: string;
  readonly rotationEnabled: boolean;
  /** Only when KMS reports one (rotation on). */
  readonly rotationPeriodDays?: number;
  /** The key policy text as KMS returns it. */
  readonly policy: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Every alias that targets the key, sorted. */
  readonly aliases: readonly string[];
  /** The replicas of a multi-Region primary, by region. */
  readonly replicas: readonly ReplicaFacts[];
}

/** One replica of a multi-Region primary, read in its own region. */
export interface ReplicaFacts {
  readonly region: string;
  readonly keyId: string;
  readonly arn: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly keyState: string;
  readonly policy: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: readonly string[];
}
