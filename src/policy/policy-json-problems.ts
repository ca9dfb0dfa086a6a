import { parsePolicyJson } from "./parse-policy-json";
import { listOf, POLICY_VERSION, type PolicyDocument } from "./policy-document";
import { principalPartitionProblem } from "../validate/check-principal-partitions";
import { principalProblem } from "./principal-problem";

/** Where the key lives, as far as known offline: principals must be in its partition. */
export interface PolicyKeyPlace {
  readonly partition: string;
  /** The key's region, or "" when not known yet (then principals' partitions are not checked). */
  readonly region: string;
}

/**
 * What is wrong with a raw `policyJson`, each as a sentence starting with the place in the
 * document (`Statement[1].Principal.AWS: ...`), plus the parsed document when it is well formed
 * enough to be analysed further (who may manage and use the key).
 */
export function policyJsonProblems(text: string, place: PolicyKeyPlace = { partition: "aws", region: "" }): { messages: string[]; document?: PolicyDocument } {
  const parsed = parsePolicyJson(text);
  if (parsed.kind === "invalid") return { messages: [parsed.reason] };
  const doc = parsed.asWritten;
  const messages: string[] = [];
  if (doc.Version !== POLICY_VERSION) {
    messages.push(`Version must be "${POLICY_VERSION}" (got ${doc.Version === undefined ? "none" : JSON.stringify(doc.Version)})`);
  }
  // IAM takes a single statement object in place of a list.
  const statements = Array.isArray(doc.Statement) || doc.Statement === undefined ? doc.Statement : [doc.Statement];
  if (!Array.isArray(statements) || statements.length === 0) {
    messages.push("Statement must hold at least one statement");
    return { messages };
  }
  statements.forEach((statement, i) => messages.push(...statementProblems(statement, `Statement[${i}]`, place)));
  messages.push(...duplicateSids(statements));
  return { messages, document: messages.length === 0 ? parsed.document : undefined };
}

function statementProblems(statement: unknown, at: string, place: PolicyKeyPlace): string[] {
  if (typeof statement !== "object" || statement === null || Array.isArray(statement)) return [`${at}: must be an object`];
  const s = statement as Record<string, unknown>;
  const problems: string[] = [];
  if (s.Effect !== "Allow" && s.Effect !== "Deny") problems.push(`${at}.Effect: must be "Allow" or "Deny" (got ${describe(s.Effect)})`);
  if (s.Principal === undefined) {
    const hint = s.NotPrincipal !== undefined ? " (NotPrincipal is not supported: name the principals)" : "";
    problems.push(`${at}: has no Principal${hint}`);
  } else {
    problems.push(...principalProblems(s.Principal, `${at}.Principal`, place));
  }
  if (!isStrings(s.Action) && !isStrings(s.NotAction)) problems.push(`${at}: has no Action (a string or a list of strings)`);
  if (!isStrings(s.Resource) && !isStrings(s.NotResource)) problems.push(`${at}: has no Resource (in a key policy, "*": the key itself)`);
  return problems;
}

// KMS refuses a policy whose statement ids repeat.
function duplicateSids(statements: readonly unknown[]): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  statements.forEach((statement, i) => {
    const sid = (statement as { Sid?: unknown } | null)?.Sid;
    if (typeof sid !== "string") return;
    const earlier = first.get(sid);
    if (earlier === undefined) first.set(sid, i);
    else problems.push(`Statement[${i}].Sid: "${sid}" is already the Sid of Statement[${earlier}]; statement ids must be unique`);
  });
  return problems;
}

function principalProblems(principal: unknown, at: string, key: PolicyKeyPlace): string[] {
  if (principal === "*") return [`${at}: ${wildcardProblem()}`];
  if (typeof principal !== "object" || principal === null || Array.isArray(principal)) {
    return [`${at}: must be an object such as {"AWS": "arn:${key.partition}:iam::111122223333:role/Name"}`];
  }
  const problems: string[] = [];
  for (const [type, value] of Object.entries(principal)) {
    if (!isStrings(value)) {
      problems.push(`${at}.${type}: must be a string or a list of strings`);
      continue;
    }
    if (type !== "AWS" && type !== "Service") {
      problems.push(`${at}.${type}: key policies planton deploys name AWS (IAM ARNs) and Service principals only`);
      continue;
    }
    const values = listOf(value as string | string[]);
    values.forEach((v, j) => {
      const place = Array.isArray(value) ? `${at}.${type}[${j}]` : `${at}.${type}`;
      const problem =
        v.includes("*") ? wildcardProblem()
        : (principalProblem(type, v, key.partition) ?? (type === "AWS" && key.region !== "" ? principalPartitionProblem(v, key.partition, key.region) : undefined));
      if (problem) problems.push(`${place}: ${problem}`);
    });
  }
  return problems;
}

// Any `*` in a principal is a wildcard to IAM; the proto rule's own words say why it is refused.
function wildcardProblem(): string {
  return principalProblem("AWS", "*") ?? "must not be a wildcard principal";
}

function isStrings(value: unknown): boolean {
  return typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"));
}

function describe(value: unknown): string {
  return value === undefined ? "none" : JSON.stringify(value);
}
