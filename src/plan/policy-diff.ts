import type { ListDiff, PolicyDiff, StatementDiff } from "./plan";

/**
 * Diffs two key policy documents statement by statement. Both are normalised first (statement
 * order, action order and case, one value vs a list, whitespace, `{"AWS": "x"}` vs `{"AWS":
 * ["x"]}`, a bare account id vs its root ARN), so a policy that only differs in formatting
 * yields no statements at all. Statements are matched by Sid, else by content. A text that is
 * not a policy document counts as a policy without statements.
 */
export function diffPolicies(before: string | undefined, after: string | undefined): PolicyDiff {
  const old = parseStatements(before);
  const next = parseStatements(after);
  const statements: StatementDiff[] = [];
  const unmatchedOld = new Set(old);
  for (const statement of next) {
    const match = findMatch(statement, unmatchedOld);
    if (match === undefined) {
      statements.push(statementDiff("added", undefined, statement));
      continue;
    }
    unmatchedOld.delete(match);
    if (match.key !== statement.key) statements.push(statementDiff("changed", match, statement));
  }
  for (const statement of unmatchedOld) statements.push(statementDiff("removed", statement, undefined));
  return { statements, broadens: statements.some((s) => s.broadens) };
}

/** One statement in normal form: sets of canonical items, each with the spelling to show. */
interface NormalStatement {
  readonly sid: string;
  readonly hasSid: boolean;
  readonly effect: "Allow" | "Deny";
  readonly principals: ReadonlyMap<string, string>;
  readonly actions: ReadonlyMap<string, string>;
  readonly resources: ReadonlyMap<string, string>;
  readonly conditions: ReadonlyMap<string, string>;
  /** The whole statement, canonical: equal keys mean equal statements. */
  readonly key: string;
}

/** A Sid match wins; statements without one match a statement of identical content. */
function findMatch(statement: NormalStatement, candidates: ReadonlySet<NormalStatement>): NormalStatement | undefined {
  for (const candidate of candidates) {
    if (statement.hasSid && candidate.hasSid && candidate.sid === statement.sid && candidate.effect === statement.effect) return candidate;
  }
  for (const candidate of candidates) if (candidate.key === statement.key) return candidate;
  return undefined;
}

function statementDiff(status: StatementDiff["status"], before: NormalStatement | undefined, after: NormalStatement | undefined): StatementDiff {
  const shown = (after ?? before) as NormalStatement;
  const principals = listDiff(before?.principals, after?.principals);
  const actions = listDiff(before?.actions, after?.actions);
  const conditions = listDiff(before?.conditions, after?.conditions);
  const resources = listDiff(before?.resources, after?.resources);
  return {
    sid: shown.sid,
    status,
    effect: shown.effect,
    principals,
    actions,
    conditions,
    broadens: broadens(status, shown.effect, { principals, actions, conditions, resources }),
  };
}

/**
 * An Allow grants more with a new principal, action or resource, or a condition fewer; a Deny
 * forbids less with a principal, action or resource fewer, or a condition more. Negated items
 * (`NotAction`, `NotResource`, `NotPrincipal`, kept with a `NOT ` prefix) list exceptions, so they
 * count the other way: an Allow with a NotAction exception fewer grants more, a Deny with one more
 * forbids less.
 */
function broadens(
  status: StatementDiff["status"],
  effect: "Allow" | "Deny",
  { principals, actions, conditions, resources }: Record<"principals" | "actions" | "conditions" | "resources", ListDiff>,
): boolean {
  const lists = [principals, actions, resources];
  switch (effect) {
    case "Allow":
      if (status !== "changed") return status === "added";
      return lists.some((list) => widens(list).length > 0) || conditions.removed.length > 0;
    case "Deny":
      if (status !== "changed") return status === "removed";
      return lists.some((list) => narrows(list).length > 0) || conditions.added.length > 0;
  }
}

/** Items whose change makes the list match more: a plain item added, a `NOT ` exception removed. */
export function widens(list: ListDiff): string[] {
  return [...list.added.filter((item) => !isNegated(item)), ...list.removed.filter(isNegated)];
}

/** Items whose change makes the list match less: a plain item removed, a `NOT ` exception added. */
export function narrows(list: ListDiff): string[] {
  return [...list.removed.filter((item) => !isNegated(item)), ...list.added.filter(isNegated)];
}

/** True for an item that came from NotAction, NotResource or NotPrincipal. */
export function isNegated(item: string): boolean {
  return item.startsWith(NEGATED);
}

/** The item without its `NOT ` prefix: what a negated item names. */
export function unnegated(item: string): string {
  return isNegated(item) ? item.slice(NEGATED.length) : item;
}

const NEGATED = "NOT ";

function listDiff(before: ReadonlyMap<string, string> | undefined, after: ReadonlyMap<string, string> | undefined): ListDiff {
  const old = before ?? new Map<string, string>();
  const next = after ?? new Map<string, string>();
  const added: string[] = [];
  const unchanged: string[] = [];
  for (const [key, shown] of next) (old.has(key) ? unchanged : added).push(shown);
  const removed = [...old].filter(([key]) => !next.has(key)).map(([, shown]) => shown);
  return { added: added.sort(), removed: removed.sort(), unchanged: unchanged.sort() };
}

function parseStatements(text: string | undefined): NormalStatement[] {
  if (text === undefined) return [];
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(document)) return [];
  const raw = document.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.filter(isRecord).map((s, index) => normalStatement(s, index));
}

function normalStatement(raw: Record<string, unknown>, index: number): NormalStatement {
  const hasSid = typeof raw.Sid === "string" && raw.Sid !== "";
  const effect = raw.Effect === "Deny" ? "Deny" : "Allow";
  const principals = new Map([...principalItems(raw.Principal, ""), ...principalItems(raw.NotPrincipal, NEGATED)]);
  const actions = new Map([...actionItems(raw.Action, ""), ...actionItems(raw.NotAction, NEGATED)]);
  const resources = new Map([...plainItems(raw.Resource, ""), ...plainItems(raw.NotResource, NEGATED)]);
  const conditions = new Map(conditionItems(raw.Condition));
  const key = JSON.stringify([effect, ...[principals, actions, resources, conditions].map((m) => [...m.keys()].sort())]);
  return { sid: hasSid ? (raw.Sid as string) : `#${index + 1}`, hasSid, effect, principals, actions, resources, conditions, key };
}

/** `"*"`, `{"AWS": x}`, `{"Service": [x, y]}`; a 12-digit account id is its root ARN (as AWS stores it). */
function principalItems(value: unknown, prefix: string): [string, string][] {
  if (value === undefined) return [];
  if (value === "*") return [[`${prefix}*`, `${prefix}*`]];
  if (!isRecord(value)) return plainItems(value, prefix);
  return Object.entries(value).flatMap(([type, ids]) =>
    toList(ids).map((id): [string, string] => {
      const arn = type === "AWS" && /^[0-9]{12}$/.test(id) ? `arn:aws:iam::${id}:root` : id;
      const shown = type === "AWS" || type === "Service" ? arn : `${type}:${arn}`;
      return [`${prefix}${type}:${arn}`, `${prefix}${shown}`];
    }),
  );
}

/** IAM action names are case-insensitive: `kms:decrypt` is `kms:Decrypt`. */
function actionItems(value: unknown, prefix: string): [string, string][] {
  return toList(value).map((action) => [`${prefix}${action.toLowerCase()}`, `${prefix}${action}`]);
}

function plainItems(value: unknown, prefix: string): [string, string][] {
  return toList(value).map((item) => [`${prefix}${item}`, `${prefix}${item}`]);
}

/** `{"StringEquals": {"kms:CallerAccount": ["1", "2"]}}` → `StringEquals kms:CallerAccount=1,2`; keys are case-insensitive. */
function conditionItems(value: unknown): [string, string][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([operator, entries]) => {
    if (!isRecord(entries)) return [];
    return Object.entries(entries).map(([key, values]): [string, string] => {
      const list = toList(values).sort().join(",");
      return [`${operator} ${key.toLowerCase()}=${list}`, `${operator} ${key}=${list}`];
    });
  });
}

function toList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => (typeof v === "string" ? v.trim() : JSON.stringify(v)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
