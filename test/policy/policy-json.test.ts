import { policyJson, policyJsonList, sentPolicyJson } from "../../src/policy/policy-json";
import type { PolicyDocument } from "../../src/policy/policy-document";

describe("policyJson", () => {
  it("writes IAM's customary key order, whatever order the keys came in", () => {
    const doc = {
      Statement: [{ Condition: { StringEquals: { b: "1", a: "2" } }, Resource: "*", Action: "kms:Decrypt", Principal: { Service: "s.amazonaws.com", AWS: "arn:aws:iam::111122223333:root" }, Effect: "Allow", Sid: "A" }],
      Id: "x",
      Version: "2012-10-17",
    } as unknown as PolicyDocument;
    expect(policyJson(doc)).toBe(`{
  "Version": "2012-10-17",
  "Id": "x",
  "Statement": [
    {
      "Sid": "A",
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::111122223333:root",
        "Service": "s.amazonaws.com"
      },
      "Action": "kms:Decrypt",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "a": "2",
          "b": "1"
        }
      }
    }
  ]
}`);
  });

  it("sorts and deduplicates lists, and writes a list of one as its value", () => {
    const doc: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ["b", "a", "b"] }, Action: ["kms:Sign"], Resource: "*", Condition: { Bool: { k: [true] } } }],
    };
    const parsed = JSON.parse(policyJson(doc));
    expect(parsed.Statement[0].Principal.AWS).toEqual(["a", "b"]);
    expect(parsed.Statement[0].Action).toBe("kms:Sign");
    expect(parsed.Statement[0].Condition.Bool.k).toBe(true);
  });

  it("keeps statements in their order and a single statement object becomes a list", () => {
    const one = { Version: "2012-10-17", Statement: { Sid: "Only", Effect: "Allow" } } as unknown as PolicyDocument;
    expect(JSON.parse(policyJson(one)).Statement).toEqual([{ Sid: "Only", Effect: "Allow" }]);
    const two: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Z", Effect: "Allow" }, { Sid: "A", Effect: "Deny" }] };
    expect(JSON.parse(policyJson(two)).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["Z", "A"]);
  });

  it("keeps the computed order for integer-like keys, which JavaScript objects would move first", () => {
    const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Condition: { StringEquals: { b: "x", "10": "y", "2": "z" } } }] } as unknown as PolicyDocument;
    const text = policyJson(doc);
    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"2"'));
    expect(text.indexOf('"2"')).toBeLessThan(text.indexOf('"b"'));
  });

  it("leaves out undefined fields", () => {
    const doc: PolicyDocument = { Version: "2012-10-17", Id: undefined, Statement: [] };
    expect(policyJson(doc)).toBe('{\n  "Version": "2012-10-17",\n  "Statement": []\n}');
  });
});

describe("policyJsonList", () => {
  it("writes several policies as one indented JSON array", () => {
    const a: PolicyDocument = { Version: "2012-10-17", Statement: [] };
    expect(policyJsonList([a, a])).toBe(`[
  {
    "Version": "2012-10-17",
    "Statement": []
  },
  {
    "Version": "2012-10-17",
    "Statement": []
  }
]`);
  });
});

describe("sentPolicyJson", () => {
  const doc: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Sid: "Use", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:role/B", "arn:aws:iam::111122223333:role/A"] }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:EncryptionContext:App": "日本 café 😀\u0085" } } }],
  };

  it("is the canonical document, compact", () => {
    expect(sentPolicyJson({ ...doc, Statement: [{ ...doc.Statement[0], Condition: undefined }] })).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"Use","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/A","arn:aws:iam::111122223333:role/B"]},"Action":"kms:Decrypt","Resource":"*"}]}',
    );
  });

  // KMS API reference, PutKeyPolicy and CreateKey, Policy: a key policy may hold only tab, line
  // feed, carriage return and the printable characters from U+0020 to U+00FF.
  it("writes every character outside the key policy character set as a JSON escape, keeping Latin-1", () => {
    const text = sentPolicyJson(doc);
    expect(text).toContain('"kms:EncryptionContext:App":"\\u65e5\\u672c café \\ud83d\\ude00\\u0085"');
    expect(/^[\t\n\r\u0020-\u007e\u00a0-\u00ff]*$/.test(text)).toBe(true);
  });

  it("means the same policy as the indented text", () => {
    expect(JSON.parse(sentPolicyJson(doc))).toEqual(JSON.parse(policyJson(doc)));
  });
});
