import fc from "fast-check";
import { diffPolicies } from "../../src/plan/policy-diff";

const ADMIN = "arn:aws:iam::123456789012:role/SecurityAdmin";
const APP = "arn:aws:iam::123456789012:role/App";
const OTHER = "arn:aws:iam::123456789012:role/Other";

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const admin = { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: ["kms:PutKeyPolicy", "kms:Describe*"], Resource: "*" };
const use = {
  Sid: "Use",
  Effect: "Allow",
  Principal: { AWS: [APP] },
  Action: ["kms:Decrypt", "kms:Encrypt"],
  Resource: "*",
  Condition: { StringEquals: { "kms:EncryptionContext:App": "Db" } },
};

describe("diffPolicies", () => {
  it("finds no change between a policy and itself reformatted, reordered and respelled", () => {
    const reformatted = JSON.stringify(
      {
        Statement: [
          { ...use, Principal: { AWS: APP }, Action: ["KMS:ENCRYPT", "kms:decrypt"], Condition: { StringEquals: { "kms:encryptioncontext:App": ["Db"] } } },
          { ...admin, Principal: { AWS: [ADMIN] }, Action: ["kms:Describe*", "kms:PutKeyPolicy"], Resource: ["*"] },
        ],
        Version: "2012-10-17",
      },
      null,
      4,
    );
    expect(diffPolicies(policy(admin, use), reformatted)).toEqual({ statements: [], broadens: false });
  });

  it("treats a bare account id as that account's root ARN, as AWS stores it", () => {
    const before = policy({ ...admin, Principal: { AWS: "123456789012" } });
    const after = policy({ ...admin, Principal: { AWS: "arn:aws:iam::123456789012:root" } });
    expect(diffPolicies(before, after).statements).toEqual([]);
  });

  it("reports a new principal on a statement, matched by Sid, as broadening", () => {
    const diff = diffPolicies(policy(admin, use), policy(admin, { ...use, Principal: { AWS: [APP, OTHER] } }));
    expect(diff).toEqual({
      broadens: true,
      statements: [
        {
          sid: "Use",
          status: "changed",
          effect: "Allow",
          principals: { added: [OTHER], removed: [], unchanged: [APP] },
          actions: { added: [], removed: [], unchanged: ["kms:Decrypt", "kms:Encrypt"] },
          conditions: { added: [], removed: [], unchanged: ["StringEquals kms:EncryptionContext:App=Db"] },
          broadens: true,
        },
      ],
    });
  });

  it("reports a new action as broadening and a removed action as not", () => {
    const more = diffPolicies(policy(use), policy({ ...use, Action: ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*"] }));
    expect(more.statements[0]?.actions.added).toEqual(["kms:ReEncrypt*"]);
    expect(more.broadens).toBe(true);
    const fewer = diffPolicies(policy(use), policy({ ...use, Action: "kms:Decrypt" }));
    expect(fewer.statements[0]?.actions).toEqual({ added: [], removed: ["kms:Encrypt"], unchanged: ["kms:Decrypt"] });
    expect(fewer.broadens).toBe(false);
  });

  it("reports a removed condition as broadening and an added one as narrowing", () => {
    const { Condition: _c, ...unconditioned } = use;
    const removed = diffPolicies(policy(use), policy(unconditioned));
    expect(removed.statements[0]?.conditions.removed).toEqual(["StringEquals kms:EncryptionContext:App=Db"]);
    expect(removed.broadens).toBe(true);
    const added = diffPolicies(policy(unconditioned), policy(use));
    expect(added.statements[0]?.conditions.added).toEqual(["StringEquals kms:EncryptionContext:App=Db"]);
    expect(added.broadens).toBe(false);
  });

  it("reports a new Allow statement as added and broadening, a removed one as removed and not", () => {
    const added = diffPolicies(policy(admin), policy(admin, use));
    expect(added.statements.map((s) => [s.sid, s.status, s.broadens])).toEqual([["Use", "added", true]]);
    expect(added.statements[0]?.principals.added).toEqual([APP]);
    const removed = diffPolicies(policy(admin, use), policy(admin));
    expect(removed.statements.map((s) => [s.sid, s.status, s.broadens])).toEqual([["Use", "removed", false]]);
    expect(removed.statements[0]?.actions.removed).toEqual(["kms:Decrypt", "kms:Encrypt"]);
  });

  it("reports a removed Deny statement as broadening and a new Deny as not", () => {
    const deny = { Sid: "NoDelete", Effect: "Deny", Principal: { AWS: OTHER }, Action: "kms:ScheduleKeyDeletion", Resource: "*" };
    expect(diffPolicies(policy(admin, deny), policy(admin)).broadens).toBe(true);
    expect(diffPolicies(policy(admin), policy(admin, deny)).broadens).toBe(false);
  });

  it("matches statements without Sid by content and numbers them", () => {
    const { Sid: _s, ...anonymous } = use;
    expect(diffPolicies(policy(admin, anonymous), policy(anonymous, admin)).statements).toEqual([]);
    const diff = diffPolicies(policy(admin), policy(admin, anonymous));
    expect(diff.statements.map((s) => s.sid)).toEqual(["#2"]);
  });

  it("shows service principals and wildcards as they are", () => {
    const logs = { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.us-east-1.amazonaws.com" }, Action: "kms:Encrypt*", Resource: "*" };
    const diff = diffPolicies(policy(admin), policy(admin, logs, { Sid: "All", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }));
    expect(diff.statements.map((s) => s.principals.added)).toEqual([["logs.us-east-1.amazonaws.com"], ["*"]]);
  });

  it("treats a missing side (a created or deleted key) and a text that is no policy as no statements", () => {
    expect(diffPolicies(undefined, policy(admin)).statements.map((s) => s.status)).toEqual(["added"]);
    expect(diffPolicies(policy(admin), undefined).statements.map((s) => s.status)).toEqual(["removed"]);
    expect(diffPolicies("not json", "[1]")).toEqual({ statements: [], broadens: false });
  });
});

// Property tests: random policies, then transformations that must (not) count as changes.

const principalArb = fc.stringMatching(/^[A-Za-z]{1,8}$/).map((n) => `arn:aws:iam::123456789012:role/${n}`);
const actionArb = fc.constantFrom("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:PutKeyPolicy", "kms:Sign");
const conditionArb = fc.record({
  op: fc.constantFrom("StringEquals", "StringLike", "Bool"),
  key: fc.constantFrom("kms:CallerAccount", "aws:SourceAccount", "kms:ViaService"),
  values: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 3 }),
});
const statementArb = fc.record({
  effect: fc.constantFrom("Allow", "Deny"),
  principals: fc.uniqueArray(principalArb, { minLength: 1, maxLength: 4 }),
  actions: fc.uniqueArray(actionArb, { minLength: 1, maxLength: 4 }),
  conditions: fc.uniqueArray(conditionArb, { maxLength: 2, selector: (c) => `${c.op} ${c.key}` }),
});
type StatementSpec = typeof statementArb extends fc.Arbitrary<infer T> ? T : never;
const policyArb = fc.uniqueArray(statementArb, { minLength: 1, maxLength: 5, selector: (s) => JSON.stringify(s) });

/** A statement as JSON, with the single-value-vs-list and case choices made by `style`. */
function render(spec: StatementSpec, index: number, style: { lists: boolean; upper: boolean; reverse: boolean }) {
  const one = (list: string[]) => (list.length === 1 && !style.lists ? list[0] : list);
  const order = <T>(list: T[]) => (style.reverse ? [...list].reverse() : list);
  const condition: Record<string, Record<string, string | string[]>> = {};
  for (const c of order(spec.conditions)) (condition[c.op] ??= {})[c.key] = one(order(c.values)) as string | string[];
  return {
    Sid: `S${index}`,
    Effect: spec.effect,
    Principal: { AWS: one(order(spec.principals)) },
    Action: one(order(spec.actions).map((a) => (style.upper ? a.toUpperCase() : a))),
    Resource: style.lists ? ["*"] : "*",
    ...(spec.conditions.length > 0 ? { Condition: condition } : {}),
  };
}

function document(specs: StatementSpec[], style: { lists: boolean; upper: boolean; reverse: boolean }, indent: number): string {
  const statements = specs.map((s, i) => render(s, i, style));
  return JSON.stringify({ Version: "2012-10-17", Statement: style.reverse ? statements.reverse() : statements }, null, indent);
}

describe("diffPolicies properties", () => {
  it("finds no change when a policy is only reformatted, reordered or respelled", () => {
    fc.assert(
      fc.property(policyArb, fc.boolean(), fc.boolean(), fc.boolean(), fc.nat(4), (specs, lists, upper, reverse, indent) => {
        const before = document(specs, { lists: false, upper: false, reverse: false }, 0);
        const after = document(specs, { lists, upper, reverse }, indent);
        expect(diffPolicies(before, after)).toEqual({ statements: [], broadens: false });
      }),
    );
  });

  it("always calls a new principal on an Allow statement broadening", () => {
    fc.assert(
      fc.property(policyArb, fc.nat(), (specs, pick) => {
        const allows = specs.map((s, i) => [s, i] as const).filter(([s]) => s.effect === "Allow");
        fc.pre(allows.length > 0);
        const [target, index] = allows[pick % allows.length]!;
        const extra = "arn:aws:iam::210987654321:role/NewcomerRole";
        const changed = specs.map((s, i) => (i === index ? { ...target, principals: [...target.principals, extra] } : s));
        const style = { lists: false, upper: false, reverse: false };
        const diff = diffPolicies(document(specs, style, 0), document(changed, style, 2));
        expect(diff.broadens).toBe(true);
        expect(diff.statements).toHaveLength(1);
        expect(diff.statements[0]?.principals.added).toEqual([extra]);
      }),
    );
  });
});

describe("diffPolicies with negated items (NotAction, NotResource, NotPrincipal)", () => {
  const allowNot = (notActions: string[], notResources: string[] = []) => ({
    Sid: "AllBut",
    Effect: "Allow",
    Principal: { AWS: APP },
    NotAction: notActions,
    ...(notResources.length > 0 ? { NotResource: notResources } : { Resource: "*" }),
  });
  const denyNot = (notActions: string[]) => ({ Sid: "DenyAllBut", Effect: "Deny", Principal: { AWS: OTHER }, NotAction: notActions, Resource: "*" });
  const denyNotPrincipal = (exempt: string[]) => ({ Sid: "DenyOthers", Effect: "Deny", NotPrincipal: { AWS: exempt }, Action: "kms:Decrypt", Resource: "*" });

  it("calls an Allow's NotAction exception removed broadening, and one added not", () => {
    expect(diffPolicies(policy(admin, allowNot(["kms:Decrypt", "kms:PutKeyPolicy"])), policy(admin, allowNot(["kms:PutKeyPolicy"]))).broadens).toBe(true);
    expect(diffPolicies(policy(admin, allowNot(["kms:PutKeyPolicy"])), policy(admin, allowNot(["kms:Decrypt", "kms:PutKeyPolicy"]))).broadens).toBe(false);
  });

  it("calls an Allow's NotResource exception removed broadening, and one added not", () => {
    const a = "arn:aws:kms:us-east-1:123456789012:key/a";
    const b = "arn:aws:kms:us-east-1:123456789012:key/b";
    expect(diffPolicies(policy(admin, allowNot(["kms:PutKeyPolicy"], [a, b])), policy(admin, allowNot(["kms:PutKeyPolicy"], [a]))).broadens).toBe(true);
    expect(diffPolicies(policy(admin, allowNot(["kms:PutKeyPolicy"], [a])), policy(admin, allowNot(["kms:PutKeyPolicy"], [a, b]))).broadens).toBe(false);
  });

  it("calls a Deny's NotAction exception added broadening, and one removed not", () => {
    expect(diffPolicies(policy(admin, denyNot(["kms:Encrypt"])), policy(admin, denyNot(["kms:Decrypt", "kms:Encrypt"]))).broadens).toBe(true);
    expect(diffPolicies(policy(admin, denyNot(["kms:Decrypt", "kms:Encrypt"])), policy(admin, denyNot(["kms:Encrypt"]))).broadens).toBe(false);
  });

  it("calls a Deny's NotPrincipal exemption added broadening, and one removed not", () => {
    expect(diffPolicies(policy(admin, denyNotPrincipal([ADMIN])), policy(admin, denyNotPrincipal([ADMIN, APP]))).broadens).toBe(true);
    expect(diffPolicies(policy(admin, denyNotPrincipal([ADMIN, APP])), policy(admin, denyNotPrincipal([ADMIN]))).broadens).toBe(false);
  });

  it("always reverses the direction of a negated action change (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("Allow", "Deny"), fc.uniqueArray(actionArb, { minLength: 2, maxLength: 5 }), fc.nat(), (effect, actions, pick) => {
        const dropped = actions[pick % actions.length]!;
        const fewer = actions.filter((a) => a !== dropped);
        const statement = (list: string[], negated: boolean) =>
          policy(admin, { Sid: "S", Effect: effect, Principal: { AWS: APP }, [negated ? "NotAction" : "Action"]: list, Resource: "*" });
        // Removing a plain action narrows an Allow and broadens a Deny; removing an exception does the opposite.
        const plainRemoval = diffPolicies(statement(actions, false), statement(fewer, false)).broadens;
        const negatedRemoval = diffPolicies(statement(actions, true), statement(fewer, true)).broadens;
        const plainAddition = diffPolicies(statement(fewer, false), statement(actions, false)).broadens;
        const negatedAddition = diffPolicies(statement(fewer, true), statement(actions, true)).broadens;
        expect([plainRemoval, negatedRemoval, plainAddition, negatedAddition]).toEqual(
          effect === "Allow" ? [false, true, true, false] : [true, false, false, true],
        );
      }),
    );
  });
});
