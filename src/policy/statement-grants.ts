import { listOf, type PolicyStatement } from "./policy-document";

// Questions asked of a policy's statements by the checks: who may do what. Wildcards in actions
// (`kms:*`, `kms:Put*`) and NotAction are honoured; conditions are not evaluated, as they only
// narrow an Allow and a condition-less reading is the safe one for these checks.

/** True when the statement's action list covers `action` (e.g. `kms:Decrypt`). */
export function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return listOf(statement.Action).some((pattern) => actionMatches(pattern, action));
  if (statement.NotAction !== undefined) return !listOf(statement.NotAction).some((pattern) => actionMatches(pattern, action));
  return false;
}

/** True when an IAM action pattern (case-insensitive, `*` and `?` wildcards) matches `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i").test(action);
}

/** The AWS principals (IAM ARNs; `*` for everyone) a statement names. */
export function awsPrincipals(statement: PolicyStatement): readonly string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (principal === "*") return ["*"];
  return listOf(principal.AWS);
}

/** The principals, of any type, that an Allow statement lets do `action`. */
export function principalsAllowed(statements: readonly PolicyStatement[], action: string): string[] {
  const denied = new Set(
    statements.filter((s) => s.Effect === "Deny" && coversAction(s, action) && s.Condition === undefined).flatMap(allPrincipals),
  );
  if (denied.has("*")) return [];
  return statements
    .filter((s) => s.Effect === "Allow" && coversAction(s, action))
    .flatMap(allPrincipals)
    .filter((p) => !denied.has(p));
}

function allPrincipals(statement: PolicyStatement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (principal === "*") return ["*"];
  return Object.values(principal).flatMap((v) => [...listOf(v)]);
}

/** True for an account-root principal (`arn:aws:iam::111122223333:root` or a bare account id). */
export function isAccountRoot(principal: string): boolean {
  return /^arn:[a-z-]+:iam::[^:]+:root$/.test(principal) || /^[0-9]{12}$/.test(principal);
}
