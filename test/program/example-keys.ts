import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { parseAllDocuments } from "yaml";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { applyDefaults } from "../../src/defaults/apply-defaults";

/** Region the tests resolve for manifests that do not name one (what `--region` would give). */
export const DEFAULT_REGION = "us-east-1";

const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");

/** The first document of `examples/<file>`, defaulted as the engine receives it. */
export function exampleKey(file: string): AwsKmsKey {
  const [key] = keysOf(readFileSync(join(EXAMPLES_DIR, file), "utf8"));
  if (!key) throw new Error(`examples/${file} holds no manifest`);
  return key;
}

/** Every document of every `examples/*.yaml`, labelled `file` or `file#index`. */
export function allExampleKeys(): [string, AwsKmsKey][] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((file) => {
      const keys = keysOf(readFileSync(join(EXAMPLES_DIR, file), "utf8"));
      return keys.map((key, i): [string, AwsKmsKey] => [keys.length > 1 ? `${file}#${i}` : file, key]);
    });
}

// A stand-in for the manifest loader (YAML → proto JSON → message), so these tests depend only on
// the examples and applyDefaults; the loader's own tests cover positions and problems.
function keysOf(text: string): AwsKmsKey[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as JsonValue)
    .filter((json) => json !== null)
    .map((json) => applyDefaults(fromJson(AwsKmsKeySchema, json), { region: DEFAULT_REGION }));
}
