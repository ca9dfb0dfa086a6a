import { readFileSync } from "node:fs";
import { join } from "node:path";

// One release of each: the Pulumi SDK planton depends on is the CLI scripts/build-tools builds
// for the sandbox and CI, and the README's "Tested" sentence and the CI examples name the
// versions that .ci/run really runs.
const root = join(__dirname, "..", "..");
const read = (path: string): string => readFileSync(join(root, path), "utf8");
const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string>; engines: { node: string } };

function assigned(path: string, name: string): string {
  const match = new RegExp(`^${name}=([0-9.]+)`, "m").exec(read(path));
  if (match === null) throw new Error(`${path} sets no ${name}`);
  return match[1]!;
}

const pulumiCli = assigned("scripts/build-tools", "PULUMI_VERSION");
const node24 = assigned(".ci/run", "NODE_24");
const node22 = assigned(".ci/run", "NODE_22");

describe("the versions planton is built and tested with", () => {
  it("@pulumi/pulumi is the Pulumi CLI release that scripts/build-tools builds", () => {
    expect(pkg.dependencies["@pulumi/pulumi"]).toBe(pulumiCli);
  });

  it(".ci/run's two nodes are the LTS lines engines.node allows", () => {
    expect(pkg.engines.node).toBe(">=22");
    expect([node22.split(".")[0], node24.split(".")[0]]).toEqual(["22", "24"]);
  });

  it("the README says which versions were tested", () => {
    const readme = read("README.md").replace(/\s+/g, " ");
    expect(readme).toContain(
      `Tested, in every \`.ci/run\`: Node.js ${node24} and ${node22}, Pulumi CLI ${pulumiCli}, ` +
        `\`@pulumi/pulumi\` ${pkg.dependencies["@pulumi/pulumi"]} and \`@pulumi/aws\` ${pkg.dependencies["@pulumi/aws"]}`,
    );
    expect(readme).toContain(`get.pulumi.com | sh -s -- --version ${pulumiCli}`);
  });

  it.each(["README.md", "docs/ci.md"])("the CI examples in %s install Node 24 and that Pulumi CLI", (path) => {
    const text = read(path);
    const jobs = text.match(/setup-node@v\d+/g) ?? [];
    expect(jobs.length).toBeGreaterThan(0);
    expect(text.match(/node-version: 24 \}/g)?.length).toBe(jobs.length);
    expect(text.match(new RegExp(`pulumi-version: ${pulumiCli.replace(/\./g, "\\.")} \\}`, "g"))?.length).toBe(jobs.length);
  });
});
