/**
 * `aws:kms/alias:Alias`: a name (`alias/...`) pointing at a key. The id is the
 * alias name, as in the real provider.
 */
import { randomBytes } from "node:crypto";
import { CreateAliasCommand, DeleteAliasCommand, DescribeKeyCommand, KMSClient, UpdateAliasCommand } from "@aws-sdk/client-kms";
import { accountId, effectiveRegion } from "./config";
import { Checker } from "./check";
import { PropSpec, diffProps } from "./diff";
import { isNotFound, kmsClient, listAliases, parseKeyArn } from "./kms-client";
import { Ctx, ResourceImpl, readResult, urnName } from "./resource";
import { Props, compact, str } from "./values";

/** True when two key references (key id or key ARN) name the same key. */
export function sameKey(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return a === b;
  const id = (s: string) => parseKeyArn(s)?.keyId ?? s;
  return a === b || id(a) === id(b);
}

/** Alias inputs and how they diff. */
export const ALIAS_PROPS: PropSpec[] = [
  { name: "name", replace: true, computed: true },
  { name: "namePrefix", replace: true, computed: true },
  { name: "region", replace: true, computed: true },
  { name: "targetKeyId", equal: sameKey },
];

const NAME_RE = /^alias\/[a-zA-Z0-9/_-]+$/;

async function readAlias(c: KMSClient, name: string, region: string, prior: Props): Promise<Props | undefined> {
  const entry = (await listAliases(c)).find((a) => a.AliasName === name);
  if (!entry || !entry.TargetKeyId) return undefined;
  let targetKeyArn = `arn:aws:kms:${region}:${accountId()}:key/${entry.TargetKeyId}`;
  try {
    targetKeyArn = (await c.send(new DescribeKeyCommand({ KeyId: entry.TargetKeyId }))).KeyMetadata?.Arn ?? targetKeyArn;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const priorTarget = str(prior, "targetKeyId");
  return compact({
    arn: entry.AliasArn,
    name,
    namePrefix: str(prior, "namePrefix"),
    region,
    targetKeyArn,
    // Keep the form the program used (id or ARN) while it still names the live target.
    targetKeyId: priorTarget !== undefined && sameKey(priorTarget, entry.TargetKeyId) ? priorTarget : entry.TargetKeyId,
  });
}

function regionOf(ctx: Ctx, props: Props): string {
  return effectiveRegion(ctx.cfg, str(props, "region"));
}

/** The Alias resource. */
export const alias: ResourceImpl = {
  previewSpec: { computed: ["arn", "targetKeyArn"], dependents: { targetKeyId: ["targetKeyArn"] }, tagged: false },

  check(ctx, olds, news) {
    const c = new Checker(news);
    c.required("targetKeyId");
    c.string("targetKeyId");
    c.string("name");
    c.string("namePrefix");
    const inputs = { ...news };
    const name = str(news, "name");
    const prefix = str(news, "namePrefix");
    if (name !== undefined && prefix !== undefined) c.fail("name", `"name": conflicts with namePrefix`);
    if (name !== undefined) {
      if (!NAME_RE.test(name)) c.fail("name", `name must start with "alias/" and contain only [a-zA-Z0-9/_-], got ${JSON.stringify(name)}`);
      else if (name.startsWith("alias/aws/")) c.fail("name", `name must not start with "alias/aws/" (reserved for AWS managed keys)`);
      c.maxLength("name", 256);
    } else if (news["name"] === undefined) {
      // Auto-name, stable across updates: keep the old name while the prefix is unchanged.
      const oldName = str(olds, "name");
      if (oldName !== undefined && str(olds, "namePrefix") === prefix) inputs["name"] = oldName;
      else if (prefix !== undefined) {
        if (!prefix.startsWith("alias/")) c.fail("namePrefix", `namePrefix must start with "alias/"`);
        inputs["name"] = prefix + randomBytes(13).toString("hex").slice(0, 26);
      } else {
        const base = urnName(ctx.urn).replace(/[^a-zA-Z0-9/_-]/g, "-");
        inputs["name"] = `alias/${base}-${randomBytes(4).toString("hex").slice(0, 7)}`;
      }
    }
    return { inputs, failures: c.failures };
  },

  diff(_id, olds, news) {
    return diffProps(ALIAS_PROPS, olds, news);
  },

  async create(ctx, inputs) {
    const region = regionOf(ctx, inputs);
    const c = kmsClient(ctx.cfg, region);
    const name = str(inputs, "name");
    const target = str(inputs, "targetKeyId");
    if (!name || !target) throw new Error("alias name and targetKeyId are required");
    await c.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: target }));
    const outs = await readAlias(c, name, region, inputs);
    if (!outs) throw new Error(`KMS alias ${name} disappeared right after creation`);
    return { id: name, outs };
  },

  async read(ctx, id, props) {
    const region = regionOf(ctx, props);
    const state = await readAlias(kmsClient(ctx.cfg, region), id, region, props);
    return readResult(id, state, props, ALIAS_PROPS.map((p) => p.name));
  },

  async update(ctx, id, olds, news) {
    const region = regionOf(ctx, olds);
    const c = kmsClient(ctx.cfg, region);
    const target = str(news, "targetKeyId");
    if (target !== undefined && !sameKey(target, olds["targetKeyId"])) {
      await c.send(new UpdateAliasCommand({ AliasName: id, TargetKeyId: target }));
    }
    const outs = await readAlias(c, id, region, { ...olds, ...news });
    if (!outs) throw new Error(`KMS alias ${id} no longer exists`);
    return { outs };
  },

  async delete(ctx, id, props) {
    const c = kmsClient(ctx.cfg, regionOf(ctx, props));
    try {
      await c.send(new DeleteAliasCommand({ AliasName: id }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
