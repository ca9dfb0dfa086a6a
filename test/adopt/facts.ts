import type { KeyFacts } from "../../src/adopt/key-facts";
import { defaultPolicy } from "../../src/policy/build-policy";
import { ACCOUNT, TARGET } from "../policy/keys";

/** A live symmetric key as read from KMS: two aliases, rotation, the AWS default policy. */
export const FACTS: KeyFacts = {
  keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
  arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  region: "us-east-1",
  accountId: ACCOUNT,
  partition: "aws",
  description: "payments",
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  enabled: true,
  keyState: "Enabled",
  keyManager: "CUSTOMER",
  origin: "AWS_KMS",
  multiRegion: false,
  rotationEnabled: true,
  rotationPeriodDays: 180,
  policy: JSON.stringify(defaultPolicy(TARGET)),
  tags: { team: "payments" },
  aliases: ["alias/prod/Payments_main", "alias/zz-legacy"],
  replicas: [],
};
