import { createServer, type IncomingMessage, type Server } from "node:http";
import { s3Bucket } from "../../src/engine/s3-bucket";

// planton's own S3 calls (a stack's locks), against a local HTTP server playing S3: path-style
// addressing under the backend's prefix, SigV4-signed with the environment's credentials, every
// page of a listing, entities decoded, S3's error code in the message.

let server: Server;
let port: number;
const seen: { method: string; url: string; authorization: string; sha: string }[] = [];
let answer: (req: IncomingMessage) => { status: number; body: string } = () => ({ status: 200, body: "" });

const savedEnv = { ...process.env };

beforeAll(async () => {
  process.env["AWS_ACCESS_KEY_ID"] = "AKIATESTTESTTESTTEST";
  process.env["AWS_SECRET_ACCESS_KEY"] = "test-secret";
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: String(req.headers.authorization ?? ""), sha: String(req.headers["x-amz-content-sha256"] ?? "") });
    const { status, body } = answer(req);
    res.writeHead(status, { "content-type": "application/xml" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  process.env = savedEnv;
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => void (seen.length = 0));

const url = () => `s3://state/team/kms?endpoint=127.0.0.1:${port}&disableSSL=true&s3ForcePathStyle=true&region=eu-west-1`;

describe("s3Bucket", () => {
  it("lists every page under the backend's prefix, signed for s3 in the URL's region, keys relative to the prefix", async () => {
    answer = (req) =>
      req.url!.includes("continuation-token")
        ? { status: 200, body: "<ListBucketResult><Key>team/kms/.pulumi/locks/b&amp;c.json</Key><IsTruncated>false</IsTruncated></ListBucketResult>" }
        : { status: 200, body: "<ListBucketResult><Key>team/kms/.pulumi/locks/a.json</Key><IsTruncated>true</IsTruncated><NextContinuationToken>t+1=</NextContinuationToken></ListBucketResult>" };
    expect(await s3Bucket(url(), {}).list(".pulumi/locks/")).toEqual([".pulumi/locks/a.json", ".pulumi/locks/b&c.json"]);
    expect(seen.map((r) => [r.method, r.url])).toEqual([
      ["GET", "/state/?list-type=2&prefix=team%2Fkms%2F.pulumi%2Flocks%2F"],
      ["GET", "/state/?list-type=2&prefix=team%2Fkms%2F.pulumi%2Flocks%2F&continuation-token=t%2B1%3D"],
    ]);
    expect(seen[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATESTTESTTESTTEST\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=\S*host\S*, Signature=[0-9a-f]{64}$/);
    expect(seen[0]!.sha).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("reads and removes one object by its key; a missing object reads as undefined", async () => {
    answer = (req) => (req.url === "/state/team/kms/gone.json" ? { status: 404, body: "<Error><Code>NoSuchKey</Code></Error>" } : { status: req.method === "DELETE" ? 204 : 200, body: '{"pid":1}' });
    const bucket = s3Bucket(url(), {});
    expect(await bucket.read("x/a.json")).toBe('{"pid":1}');
    expect(await bucket.read("gone.json")).toBeUndefined();
    await bucket.remove("x/a.json");
    expect(seen.map((r) => [r.method, r.url])).toEqual([["GET", "/state/team/kms/x/a.json"], ["GET", "/state/team/kms/gone.json"], ["DELETE", "/state/team/kms/x/a.json"]]);
    expect(bucket.url("x/a.json")).toBe("s3://state/team/kms/x/a.json");
  });

  it("fails with S3's error code and message", async () => {
    answer = () => ({ status: 403, body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>" });
    await expect(s3Bucket(url(), {}).list("")).rejects.toThrow("cannot list team/kms/: AccessDenied (Access Denied)");
  });
});
