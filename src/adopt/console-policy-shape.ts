import { listOf, type PolicyDocument } from "../policy/policy-document";

/** The statement ids the AWS console writes into the policy of a key it creates. */
const CONSOLE_SIDS: Readonly<Record<string, string>> = {
  "Enable IAM User Permissions": "the account root",
  "Allow access for Key Administrators": "key administrators",
  "Allow use of the key": "key users",
  "Allow attachment of persistent resources": "grants for AWS resources",
};

/**
 * Recognises the default key policy the AWS console writes (`Id` `key-consolepolicy-*`, its
 * statements for the account root, key administrators, key users and persistent-resource
 * grants) and says who it names, e.g. `key administrators arn:...:role/Admin; key users
 * arn:...:role/App`. Undefined for any other policy.
 */
export function consolePolicyShape(doc: PolicyDocument): string | undefined {
  if (!(doc.Id ?? "").startsWith("key-consolepolicy")) return undefined;
  const parts: string[] = [];
  for (const statement of doc.Statement) {
    const role = CONSOLE_SIDS[statement.Sid ?? ""];
    if (role === undefined) return undefined;
    const principal = statement.Principal;
    const who = principal === undefined || principal === "*" ? [] : listOf(principal["AWS"]);
    parts.push(who.length > 0 && role !== "the account root" ? `${role} ${who.join(", ")}` : role);
  }
  return parts.join("; ");
}
