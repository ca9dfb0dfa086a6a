/**
 * A `spec.policy` block (YAML, indented for a key under `spec:`) with an admin and a user, for
 * test manifests that are about something else: with it, a manifest loads without the AWS default
 * policy's warning (defaultPolicyWarning). Three lines; append it after the lines a test points at.
 */
export const policyBlock = '  policy:\n    adminRole: "arn:aws:iam::123456789012:role/Admin"\n    usageRoles: ["arn:aws:iam::123456789012:role/App"]\n';
