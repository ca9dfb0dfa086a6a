import { policiesEqual } from "./src/values";

// The real provider suppresses the diff of equivalent policies (awspolicyequivalence); the test
// provider must too, or an adopted key's policy would be rewritten on its first apply.

const statement = { Sid: "Use", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:role/A"] }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" };
const admin = { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/B" }, Action: "kms:Describe*", Resource: "*" };
const doc = (statements: object[], extra: object = {}) => JSON.stringify({ Version: "2012-10-17", ...extra, Statement: statements });

it("ignores statement order, value order and one value vs a list of one", () => {
  const reordered = { ...statement, Principal: { AWS: "arn:aws:iam::111122223333:role/A" }, Action: ["kms:Decrypt", "kms:Encrypt"] };
  expect(policiesEqual(doc([statement, admin]), doc([admin, reordered]))).toBe(true);
});

it("still sees another Sid, Id, action or principal", () => {
  expect(policiesEqual(doc([statement]), doc([{ ...statement, Sid: "Other" }]))).toBe(false);
  expect(policiesEqual(doc([statement]), doc([statement], { Id: "key-default-1" }))).toBe(false);
  expect(policiesEqual(doc([statement]), doc([{ ...statement, Action: "kms:Decrypt" }]))).toBe(false);
  expect(policiesEqual(doc([statement]), doc([{ ...statement, Principal: { AWS: "arn:aws:iam::111122223333:role/C" } }]))).toBe(false);
});
