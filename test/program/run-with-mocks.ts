import * as pulumi from "@pulumi/pulumi";

/** Account the mocked caller identity belongs to. */
export const MOCK_ACCOUNT = "123456789012";

/** One resource registration as the engine would receive it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** Logical name of the explicit provider, if any. */
  readonly provider?: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** Logical names of the resources it depends on (explicit and through inputs). */
  readonly dependsOn: readonly string[];
  /** Properties whose change replaces the resource, on top of the provider's own. */
  readonly replaceOnChanges: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** The customTimeouts option as the engine receives it ("" where unset). */
  readonly customTimeouts: { readonly create: string; readonly update: string; readonly delete: string };
}

/** One provider function call (invoke). */
export interface Invoke {
  readonly token: string;
  readonly provider?: string;
}

/** Everything a program run under mocks did. */
export interface MockRun {
  readonly registrations: readonly Registration[];
  readonly invokes: readonly Invoke[];
  /** The program's outputs, resolved. */
  readonly outputs: Record<string, unknown>;
}

type RequestOptions = Pick<Registration, "protect" | "retainOnDelete" | "dependsOn" | "replaceOnChanges" | "deleteBeforeReplace" | "customTimeouts">;

/** The logical name in a URN (`urn:pulumi:stack::project::type::name`) or provider reference (`<urn>::<id>`). */
function nameOf(ref: string): string | undefined {
  if (ref === "") return undefined;
  const parts = ref.split("::");
  // A provider reference has 5 parts (the id last), a URN 4.
  return parts.length >= 5 ? parts[3] : parts[parts.length - 1];
}

/**
 * Runs `program` against Pulumi's mock monitor and records every registration with its options
 * (which the Mocks interface does not expose, so the monitor's registerResource is wrapped), every
 * invoke, and the resolved outputs. Resources get AWS-shaped ids and ARNs in their provider's region;
 * getCallerIdentity answers with MOCK_ACCOUNT and `callerArn`.
 */
export async function runWithMocks(
  program: () => Promise<Record<string, unknown>>,
  callerArn = `arn:aws:iam::${MOCK_ACCOUNT}:user/deployer`,
): Promise<MockRun> {
  const inputsByName = new Map<string, { type: string; inputs: Record<string, unknown>; provider?: string }>();
  const regionByProvider = new Map<string, string>();
  const invokes: Invoke[] = [];
  let keyCounter = 0;

  await pulumi.runtime.setMocks({
    newResource(args) {
      const provider = nameOf(args.provider ?? "");
      inputsByName.set(`${args.type}::${args.name}`, { type: args.type, inputs: args.inputs, provider });
      const region = provider ? regionByProvider.get(provider) ?? "?" : "?";
      switch (args.type) {
        case "pulumi:providers:aws":
          regionByProvider.set(args.name, String(args.inputs.region));
          return { id: `${args.name}_id`, state: args.inputs };
        case "aws:kms/key:Key": {
          const keyId = `${args.inputs.multiRegion ? "mrk-" : ""}key${++keyCounter}`;
          const arn = `arn:aws:kms:${region}:${MOCK_ACCOUNT}:key/${keyId}`;
          return { id: keyId, state: { ...args.inputs, keyId, arn } };
        }
        case "aws:kms/replicaKey:ReplicaKey": {
          const keyId = String(args.inputs.primaryKeyArn).split("/").pop() ?? "";
          const arn = `arn:aws:kms:${region}:${MOCK_ACCOUNT}:key/${keyId}`;
          return { id: keyId, state: { ...args.inputs, keyId, arn } };
        }
        case "aws:kms/alias:Alias": {
          const arn = `arn:aws:kms:${region}:${MOCK_ACCOUNT}:${args.inputs.name}`;
          return { id: String(args.inputs.name), state: { ...args.inputs, arn } };
        }
        default:
          return { id: `${args.name}_id`, state: args.inputs };
      }
    },
    call(args) {
      invokes.push({ token: args.token, provider: nameOf(args.provider ?? "") });
      if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
        return { accountId: MOCK_ACCOUNT, arn: callerArn, userId: "AIDAEXAMPLE", id: MOCK_ACCOUNT };
      }
      throw new Error(`unexpected invoke ${args.token}`);
    },
  });

  const { options, pending } = recordRequestOptions();
  const returned = await program();
  const outputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(returned)) outputs[k] = await resolve(v);
  await pending.settled();

  const registrations = [...options.entries()].map(([key, opts]): Registration => {
    const recorded = inputsByName.get(key);
    if (!recorded) throw new Error(`registration ${key} never reached the mocks`);
    return { name: key.split("::").pop() ?? "", ...recorded, ...opts };
  });
  return { registrations, invokes, outputs };
}

/** Wraps the mock monitor so each RegisterResourceRequest's options are recorded, and tracks RPCs in flight. */
function recordRequestOptions(): { options: Map<string, RequestOptions>; pending: { settled(): Promise<void> } } {
  const options = new Map<string, RequestOptions>();
  let inFlight = 0;
  // The monitor is the MockMonitor setMocks installed; its request objects are the gRPC messages.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: (err: unknown, res: unknown) => void): Promise<void>;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    options.set(`${req.getType()}::${req.getName()}`, {
      protect: req.getProtect() ?? false,
      retainOnDelete: req.getRetainondelete() ?? false,
      dependsOn: req.getDependenciesList().map((urn) => nameOf(urn) ?? urn),
      replaceOnChanges: req.getReplaceonchangesList(),
      deleteBeforeReplace: req.getDeletebeforereplace() ?? false,
      customTimeouts: {
        create: req.getCustomtimeouts()?.getCreate() ?? "",
        update: req.getCustomtimeouts()?.getUpdate() ?? "",
        delete: req.getCustomtimeouts()?.getDelete() ?? "",
      },
    });
    inFlight++;
    return original(req, (err, res) => {
      inFlight--;
      cb(err, res);
    });
  };
  const settled = async (): Promise<void> => {
    // A registration may start only after another one resolved (a replica alias waits for its
    // replica's keyId), so wait until nothing is in flight across several turns of the event loop.
    for (let quiet = 0; quiet < 5; ) {
      await new Promise((r) => setImmediate(r));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { options, pending: { settled } };
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDependenciesList(): string[];
  getReplaceonchangesList(): string[];
  getDeletebeforereplace(): boolean | undefined;
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}

function resolve(value: unknown): Promise<unknown> {
  if (!pulumi.Output.isInstance(value)) return Promise.resolve(value);
  return new Promise((r) => (value as pulumi.Output<unknown>).apply((v) => r(v)));
}
