import { DescribeKeyCommand, ListKeysCommand, ListResourceTagsCommand, type KMSClient } from "@aws-sdk/client-kms";

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
