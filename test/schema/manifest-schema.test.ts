import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { manifestSchema } from "../../src/schema/manifest-schema";
import { manifestSchemaFromImage } from "../../src/schema/manifest-schema-from-image";
import { shippedSchemaPath } from "../../src/schema/schema-comment";

const root = join(__dirname, "..", "..");
const committed = readFileSync(join(root, "schema", "awskmskey.schema.json"), "utf8");

/** The schema without its annotations; a `properties` map keeps its keys (`spec.description` is a field). */
function withoutDescriptions(value: unknown, isPropertiesMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutDescriptions(v));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => isPropertiesMap || (key !== "description" && key !== "enumDescriptions"))
      .map(([key, v]) => [key, withoutDescriptions(v, !isPropertiesMap && key === "properties")]),
  );
}

describe("the shipped manifest JSON Schema", () => {
  it("is what scripts/write-schema.mjs generates from proto/ now (else run npm run build && node scripts/write-schema.mjs)", () => {
    const image = execFileSync("node", [join(root, "scripts", "write-schema.mjs"), "--image"], { cwd: root, maxBuffer: 64 << 20 });
    expect(manifestSchemaFromImage(new Uint8Array(image))).toBe(committed);
  });

  it("says the same as the runtime descriptors in gen/, apart from the descriptions they lack", () => {
    expect(manifestSchema(AwsKmsKeySchema).schema).toEqual(withoutDescriptions(JSON.parse(committed)));
  });

  it("expresses every proto rule it meets (a new CEL rule must be translated or listed as beyond the schema)", () => {
    expect(manifestSchema(AwsKmsKeySchema).unexpressed).toEqual([]);
  });

  it("is draft-07, closed to unknown fields, and documented from the proto comments", () => {
    const schema = JSON.parse(committed);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.spec.additionalProperties).toBe(false);
    expect(schema.properties.spec.properties.policy.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["apiVersion", "kind", "metadata", "spec"]);
    expect(schema.properties.spec.properties.deletionWindowDays).toEqual({
      description: expect.stringContaining("Days KMS waits before deleting the key"),
      type: "integer",
      minimum: 7,
      maximum: 30,
    });
    expect(schema.properties.spec.properties.keySpec.enum).toContain("SYMMETRIC_DEFAULT");
    expect(schema.properties.spec.properties.keySpec.enum).not.toContain("KEY_SPEC_UNSPECIFIED");
    expect(schema.properties.spec.properties.keySpec.enumDescriptions[0]).toMatch(/^AES-256-GCM symmetric key/);
  });

  it("is found where the package ships it, from the checkout, dist/ and the startup bundle", () => {
    const file = join(root, "schema", "awskmskey.schema.json");
    expect(shippedSchemaPath()).toBe(file);
    expect(shippedSchemaPath(join(root, "dist", "src", "schema"))).toBe(file);
    expect(shippedSchemaPath(join(root, "dist"))).toBe(file);
  });
});
