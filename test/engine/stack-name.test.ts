import { stackName } from "../../src/engine/stack-name";

describe("stackName", () => {
  it("joins org, env and name, dropping missing parts", () => {
    expect(stackName({ name: "rds", org: "acme", env: "prod" })).toBe("acme-prod-rds");
    expect(stackName({ name: "rds", env: "prod" })).toBe("prod-rds");
    expect(stackName({ name: "rds", org: "acme" })).toBe("acme-rds");
    expect(stackName({ name: "rds", org: "", env: "" })).toBe("rds");
  });

  it("lets the planton.org/stack label pin the name, and --stack override both", () => {
    const metadata = { name: "rds", org: "acme", labels: { "planton.org/stack": "legacy-rds" } };
    expect(stackName(metadata)).toBe("legacy-rds");
    expect(stackName(metadata, "mine")).toBe("mine");
    expect(stackName({ name: "rds" }, "")).toBe("rds");
  });
});
