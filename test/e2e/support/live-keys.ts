import { DescribeKeyCommand, ListAliasesCommand, ListKeysCommand, ListResourceTagsCommand, type KMSClient } from "@aws-sdk/client-kms";

/** Live (not pending deletion) keys in one emulator tagged with the manifest name. */
export async function liveKeys(kms: KMSClient, name: string): Promise<string[]> {
  const ids = ((await kms.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId!);
  const live: string[] = [];
  for (const id of ids) {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    if (meta.KeyState === "PendingDeletion") continue;
    const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: id }))).Tags ?? [];
    if (tags.some((t) => t.TagKey === "planton:name" && t.TagValue === name)) live.push(id);
  }
  return live;
}

/** The key id an alias points at in one emulator, or undefined when the alias does not exist. */
export async function aliasTarget(kms: KMSClient, alias: string): Promise<string | undefined> {
  return (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === alias)?.TargetKeyId;
}
