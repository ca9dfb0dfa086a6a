import { ACCOUNT, ADMIN, USER } from "../policy/keys";

/** The key policy the AWS console writes for a key with one administrator and one user (who may also grant to AWS resources). */
export const CONSOLE_POLICY = {
  Id: "key-consolepolicy-3",
  Version: "2012-10-17",
  Statement: [
    { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
    {
      Sid: "Allow access for Key Administrators",
      Effect: "Allow",
      Principal: { AWS: ADMIN },
      Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
      Resource: "*",
    },
    { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: USER }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" },
    {
      Sid: "Allow attachment of persistent resources",
      Effect: "Allow",
      Principal: { AWS: USER },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ],
};
