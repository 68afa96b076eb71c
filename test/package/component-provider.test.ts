/**
 * The component package (provider/) as other languages reach it: its plugin process launched with the engine's
 * address, the port read from its stdout, then GetSchema and Construct over gRPC. Construct registers into a fake
 * engine's resource monitor (test/support/fake-engine.ts), which records every child the component declares.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { parse as parseYaml } from "yaml";
import { type FakeEngine, type Registration, startFakeEngine } from "../support/fake-engine";

const ROOT = path.resolve(__dirname, "../..");
const PACKAGE_DIR = path.join(ROOT, "provider");
const PROJECT = "consumer";
const STACK = "prod";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const TYPE = "databricks-mlops:index:ServingEndpoint";
const STORE_TYPE = "databricks-mlops:index:OnlineStore";
/** What the fake monitor answers beyond the inputs: ids and ARNs the children read. */
const EXTRA_OUTPUTS = {
  "databricks:index/modelServing:ModelServing": { servingEndpointId: "ep-0123" },
  "aws:kms/key:Key": { arn: "arn:aws:kms:eu-west-1:123456789012:key/k-1", keyId: "k-1" },
  "aws:dynamodb/table:Table": { arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/prod-churn-predictions" },
};
/** Under contention the analyzer's TypeScript program over the library and its provider SDKs takes a while. */
const SLOW = 120_000;

let engine: FakeEngine;
let plugin: ChildProcess;
let client: provrpc.ResourceProviderClient;
let stderr = "";

/** Resolves to the first line the plugin prints on stdout: its port. */
function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && /^\d+$/.test(line)) resolve(Number(line));
      else if (out.includes("\n")) reject(new Error(`the plugin printed ${JSON.stringify(line)} instead of a port`));
    });
    child.on("exit", (code) => reject(new Error(`the plugin exited with ${code} before printing its port: ${stderr}`)));
  });
}

/** A unary call as a promise, with a deadline so a hung plugin fails the test instead of the suite. */
function unary<Req, Res>(method: (req: Req, metadata: grpc.Metadata, options: Partial<grpc.CallOptions>, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
  return new Promise((resolve, reject) =>
    method.call(client, req, new grpc.Metadata(), { deadline: Date.now() + SLOW }, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

interface Property {
  type?: string;
  $ref?: string;
  plain?: boolean;
  optional?: boolean;
  description?: string;
  items?: Property;
  additionalProperties?: Property;
}
interface Schema {
  name: string;
  version: string;
  dependencies?: unknown[];
  resources: Record<string, { isComponent: boolean; description: string; inputProperties: Record<string, Property>; requiredInputs: string[]; properties: Record<string, Property>; required: string[] }>;
  types: Record<string, { type: string; properties: Record<string, Property>; required: string[] }>;
}

let schema: Schema;

beforeAll(async () => {
  engine = await startFakeEngine(PROJECT, STACK, EXTRA_OUTPUTS);
  plugin = spawn(process.execPath, [path.join(ROOT, "tools", "run-ts.js"), path.join(ROOT, "test", "support", "run-component-plugin.ts"), PACKAGE_DIR, engine.address], {
    cwd: PACKAGE_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  plugin.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await portOf(plugin);
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const resp = await unary<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(client.getSchema, new provproto.GetSchemaRequest());
  schema = JSON.parse(resp.getSchema()) as Schema;
}, SLOW);

afterAll(async () => {
  client?.close();
  if (plugin && plugin.exitCode === null) plugin.kill();
  await engine?.close();
});

describe("GetSchema", () => {
  it("names the package from its package.json and serves only the facades: ServingEndpoint and OnlineStore", () => {
    expect([schema.name, schema.version]).toEqual(["databricks-mlops", "0.1.0"]);
    expect(Object.keys(schema.resources).sort()).toEqual([STORE_TYPE, TYPE]);
    expect(Object.values(schema.resources).every((resource) => resource.isComponent)).toBe(true);
    // No reference to another package's resources: nothing of the Databricks or AWS SDKs leaks into the schema.
    expect(schema.dependencies ?? []).toEqual([]);
    expect(Object.keys(schema.types).sort()).toEqual([
      "databricks-mlops:index:EndpointShape",
      "databricks-mlops:index:KeyColumn",
      "databricks-mlops:index:OnlineStoreShape",
      "databricks-mlops:index:RateLimits",
      "databricks-mlops:index:ServedEntity",
    ]);
  });

  it("infers the OnlineStore's inputs and outputs: the store block as a type, its key column required", () => {
    const { inputProperties, requiredInputs, properties } = schema.resources[STORE_TYPE];
    expect(Object.fromEntries(Object.entries(inputProperties).map(([key, p]) => [key, p.type ?? p.$ref]))).toEqual({
      stage: "string",
      project: "string",
      store: "#/types/databricks-mlops:index:OnlineStoreShape",
      protectData: "boolean",
    });
    expect(requiredInputs).toEqual(["project", "stage", "store"]);
    expect(schema.types["databricks-mlops:index:OnlineStoreShape"].required).toEqual(["keyColumn", "publisherRoleName"]);
    expect(schema.types["databricks-mlops:index:KeyColumn"].required).toEqual(["name"]);
    expect(inputProperties.protectData.description).toBe("Protect the key and the table against deletion (`protect` and `retainOnDelete`). Default true on prod, false elsewhere.");
    expect(Object.keys(properties).sort()).toEqual(["keyArn", "tableArn", "tableName"]);
  });

  it("infers the inputs from the args interface: plain strings, the serving block as a type, what is required", () => {
    const { inputProperties, requiredInputs } = schema.resources[TYPE];
    const shape = Object.fromEntries(Object.entries(inputProperties).map(([key, p]) => [key, [p.type ?? p.$ref, p.plain === true, p.optional === true]]));
    expect(shape).toEqual({
      stage: ["string", true, false],
      project: ["string", true, false],
      catalogName: ["string", true, false],
      modelFullName: ["string", true, false],
      inferenceSchema: ["string", true, true],
      dataScientistsGroup: ["string", true, false],
      mlEngineersGroup: ["string", true, false],
      servicePrincipal: ["string", true, true],
      serving: ["#/types/databricks-mlops:index:EndpointShape", true, true],
    });
    expect(requiredInputs).toEqual(["catalogName", "dataScientistsGroup", "mlEngineersGroup", "modelFullName", "project", "stage"]);
    const block = schema.types["databricks-mlops:index:EndpointShape"];
    expect(block.required).toEqual([]);
    expect(block.properties.traffic).toMatchObject({ type: "object", additionalProperties: { type: "number" } });
    expect(block.properties.consumerGroups).toMatchObject({ type: "array", items: { type: "string" } });
    expect(block.properties.challenger.$ref).toBe("#/types/databricks-mlops:index:ServedEntity");
    expect(block.properties.rateLimits.$ref).toBe("#/types/databricks-mlops:index:RateLimits");
    expect(Object.keys(schema.types["databricks-mlops:index:RateLimits"].properties)).toEqual(["callsPerMinute", "callsPerUserPerMinute"]);
  });

  it("takes the descriptions from the JSDoc, defaults included", () => {
    const resource = schema.resources[TYPE];
    expect(resource.description).toMatch(/^A project's model serving endpoint with its AI gateway/);
    expect(resource.inputProperties.inferenceSchema.description).toBe("The schema of the inference tables. Default `inference`.");
    expect(schema.types["databricks-mlops:index:EndpointShape"].properties.scaleToZero.description).toBe(
      "Whether idle entities scale to zero. Default true on dev and staging, false on prod (and required false there).",
    );
    const undocumented = [
      ...Object.values(schema.resources).flatMap((r) => [...Object.entries(r.inputProperties), ...Object.entries(r.properties)]),
      ...Object.values(schema.types).flatMap((type) => Object.entries(type.properties)),
    ].filter(([, p]) => !p.description);
    expect(undocumented.map(([key]) => key)).toEqual([]);
  });

  it("exposes the endpoint's name, id and payload table as outputs", () => {
    const { properties, required } = schema.resources[TYPE];
    expect(Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, p.type]))).toEqual({ endpointName: "string", servingEndpointId: "string", payloadTableName: "string" });
    expect(required).toEqual(["endpointName", "payloadTableName", "servingEndpointId"]);
  });
});

/** A ConstructRequest for a component of `type` named `name` under the stack, as the engine sends it for a program's resource. */
function constructRequest(name: string, inputs: Record<string, unknown>, type = TYPE): provproto.ConstructRequest {
  const req = new provproto.ConstructRequest();
  req.setProject(PROJECT);
  req.setStack(STACK);
  req.setDryrun(false);
  req.setParallel(4);
  req.setMonitorendpoint(engine.address);
  req.setType(type);
  req.setName(name);
  req.setParent(STACK_URN);
  req.setInputs(structproto.Struct.fromJavaScript(inputs as Record<string, structproto.JavaScriptValue>));
  return req;
}

const PROD_CHURN = {
  stage: "prod",
  project: "churn",
  catalogName: "prod_mlops",
  modelFullName: "prod_mlops.ml_assets.churn_model",
  dataScientistsGroup: "data-scientists",
  mlEngineersGroup: "ml-engineers",
  servicePrincipal: "6f2d8a4e-1c3b-4d5e-9f60-7a8b9c0d1e2f",
  serving: { challenger: {}, scaleToZero: false, consumerGroups: ["analysts"] },
};

describe("Construct", () => {
  it("declares the library's ServingEndpoint and its endpoint and permissions, named from the component's name", async () => {
    const before = engine.registrations.length;
    const resp = await unary<provproto.ConstructRequest, provproto.ConstructResponse>(client.construct, constructRequest("churn", PROD_CHURN));
    const facadeUrn = `urn:pulumi:${STACK}::${PROJECT}::${TYPE}::churn`;
    const libraryUrn = `urn:pulumi:${STACK}::${PROJECT}::${TYPE}$databricks-mlops:serving:ServingEndpoint::churn`;
    expect(resp.getUrn()).toBe(facadeUrn);
    const registered = engine.registrations.slice(before);
    expect(registered.map((r) => [r.type, r.name, r.parent, r.custom])).toEqual([
      [TYPE, "churn", STACK_URN, false],
      ["databricks-mlops:serving:ServingEndpoint", "churn", facadeUrn, false],
      ["databricks:index/modelServing:ModelServing", "churn-endpoint", libraryUrn, true],
      ["databricks:index/permissions:Permissions", "churn-endpoint-permissions", libraryUrn, true],
    ]);
    const [, , endpoint, permissions] = registered;
    expect(endpoint.inputs).toMatchObject({
      name: "prod-churn",
      aiGateway: {
        inferenceTableConfig: { enabled: true, catalogName: "prod_mlops", schemaName: "inference", tableNamePrefix: "churn_model_endpoint" },
        rateLimits: [{ key: "endpoint", renewalPeriod: "minute", calls: 1000 }],
      },
      tags: [
        { key: "stage", value: "prod" },
        { key: "project", value: "churn" },
        { key: "model", value: "prod_mlops.ml_assets.churn_model" },
      ],
    });
    expect(endpoint.inputs.description).toBe("Serves prod_mlops.ml_assets.churn_model on prod (Champion 90%, Challenger 10%); the deployment task sets the versions.");
    // Prod: people only view; the consumer group queries; the service principal manages; the id is the endpoint's.
    // Sorted by principal, as the library orders them.
    expect(permissions.inputs).toEqual({
      servingEndpointId: "ep-0123",
      accessControls: [
        { servicePrincipalName: PROD_CHURN.servicePrincipal, permissionLevel: "CAN_MANAGE" },
        { groupName: "analysts", permissionLevel: "CAN_QUERY" },
        { groupName: "data-scientists", permissionLevel: "CAN_VIEW" },
        { groupName: "ml-engineers", permissionLevel: "CAN_VIEW" },
      ],
    });
    expect(permissions.dependencies).toContain(endpoint.urn);
  }, SLOW);

  it("returns the component's outputs as its state", async () => {
    const resp = await unary<provproto.ConstructRequest, provproto.ConstructResponse>(client.construct, constructRequest("fraud", { ...PROD_CHURN, project: "fraud", modelFullName: "prod_mlops.ml_assets.fraud_model", serving: {} }));
    expect(resp.getState()?.toJavaScript()).toEqual({
      endpointName: "prod-fraud",
      servingEndpointId: "ep-0123",
      payloadTableName: "prod_mlops.inference.fraud_model_endpoint_payload",
    });
  }, SLOW);

  it("refuses bad args before declaring anything, naming each field and never its value", async () => {
    const before = engine.registrations.length;
    const bad = { ...PROD_CHURN, stage: "production", modelFullName: "churn_model", serving: { scaleToZero: true, traffic: { champion: 80 }, workloadSize: "Huge" } };
    const call = unary(client.construct, constructRequest("broken", bad));
    await expect(call).rejects.toThrow(/invalid args of ServingEndpoint "broken"/);
    const message = ((await call.catch((err: Error) => err)) as Error).message;
    expect(message).toContain("stage: one of dev, staging, prod");
    expect(message).toContain("modelFullName: <catalog>.<schema>.<model>");
    expect(message).toContain("serving.workloadSize: one of Small, Medium, Large");
    expect(message).not.toContain("production");
    expect(message).not.toContain("Huge");
    expect(engine.registrations.length).toBe(before);
  }, SLOW);
});

describe("Construct an OnlineStore", () => {
  const PROD_STORE = { stage: "prod", project: "churn", store: { keyColumn: { name: "customer_id" }, ttlAttribute: "expires_at", publisherRoleName: "churn-batch-inference" } };

  it("declares the library's OnlineStore: key, alias, table and publisher policy, the data protected on prod", async () => {
    const before = engine.registrations.length;
    const resp = await unary<provproto.ConstructRequest, provproto.ConstructResponse>(client.construct, constructRequest("churn-store", PROD_STORE, STORE_TYPE));
    const registered = engine.registrations.slice(before);
    // Types and protection only: the children's names are the library's to choose.
    expect(registered.map((r) => [r.type, r.protect])).toEqual([
      [STORE_TYPE, false],
      ["databricks-mlops:online-store:OnlineStore", false],
      ["aws:kms/key:Key", true],
      ["aws:kms/alias:Alias", false],
      ["aws:dynamodb/table:Table", true],
      ["aws:iam/rolePolicy:RolePolicy", false],
    ]);
    const byType = (type: string) => registered.find((r) => r.type === type)!;
    expect(byType("aws:dynamodb/table:Table").inputs).toMatchObject({
      name: "prod-churn-predictions",
      hashKey: "customer_id",
      attributes: [{ name: "customer_id", type: "S" }],
      ttl: { attributeName: "expires_at", enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: EXTRA_OUTPUTS["aws:kms/key:Key"].arn },
    });
    const policy = JSON.parse(byType("aws:iam/rolePolicy:RolePolicy").inputs.policy as string) as { Statement: { Resource: unknown }[] };
    expect(byType("aws:iam/rolePolicy:RolePolicy").inputs.role).toBe("churn-batch-inference");
    expect(policy.Statement.map((statement) => statement.Resource)).toEqual(
      expect.arrayContaining([EXTRA_OUTPUTS["aws:dynamodb/table:Table"].arn, EXTRA_OUTPUTS["aws:kms/key:Key"].arn]),
    );
    expect(resp.getState()?.toJavaScript()).toEqual({
      tableName: "prod-churn-predictions",
      tableArn: EXTRA_OUTPUTS["aws:dynamodb/table:Table"].arn,
      keyArn: EXTRA_OUTPUTS["aws:kms/key:Key"].arn,
    });
  }, SLOW);

  it("refuses what the stack file refuses, under the facade's field names, before declaring anything", async () => {
    const before = engine.registrations.length;
    const bad = { ...PROD_STORE, store: { keyColumn: { name: "customer_id", type: "B" }, publisherRoleName: "churn-batch-inference", pointInTimeRecovery: false } };
    const call = unary(client.construct, constructRequest("broken-store", bad, STORE_TYPE));
    const message = ((await call.catch((err: Error) => err)) as Error).message;
    expect(message).toContain('invalid args of OnlineStore "broken-store"');
    expect(message).toContain("store.keyColumn.type: one of S, N (string or number)");
    expect(engine.registrations.length).toBe(before);
    const unprotected = { ...PROD_STORE, store: { ...PROD_STORE.store, pointInTimeRecovery: false } };
    const second = ((await unary(client.construct, constructRequest("broken-store", unprotected, STORE_TYPE)).catch((err: Error) => err)) as Error).message;
    expect(second).toContain("store.pointInTimeRecovery: must be true on prod");
    expect(engine.registrations.length).toBe(before);
  }, SLOW);
});

interface YamlProgram {
  packages: Record<string, string>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
}

describe("the YAML example (examples/yaml), which needs the Pulumi CLI to run", () => {
  const EXAMPLE = path.join(ROOT, "examples", "yaml");
  const program = parseYaml(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as YamlProgram;
  const endpoints = Object.entries(program.resources).filter(([, resource]) => resource.type === TYPE);

  it("adds this package: a Node.js component package named databricks-mlops", () => {
    const source = path.resolve(EXAMPLE, program.packages["databricks-mlops"]);
    expect(source).toBe(PACKAGE_DIR);
    expect(parseYaml(fs.readFileSync(path.join(source, "PulumiPlugin.yaml"), "utf8"))).toEqual({ runtime: "nodejs" });
    expect(endpoints.map(([name]) => name)).toEqual(["churn", "fraud"]);
  });

  it("sets only properties the schema has, and every required one", () => {
    const resource = schema.resources[TYPE];
    const shape = schema.types["databricks-mlops:index:EndpointShape"].properties;
    for (const [, { properties = {} }] of endpoints) {
      expect(Object.keys(properties).filter((key) => !(key in resource.inputProperties))).toEqual([]);
      expect(resource.requiredInputs.filter((key) => !(key in properties))).toEqual([]);
      expect(Object.keys((properties.serving ?? {}) as object).filter((key) => !(key in shape))).toEqual([]);
    }
  });

  it("constructs as written: each endpoint named from its resource name, with the limits it sets", async () => {
    const declared = new Map<string, Registration>();
    for (const [name, { properties = {} }] of endpoints) {
      expect(JSON.stringify(properties)).not.toContain("${");
      const before = engine.registrations.length;
      await unary<provproto.ConstructRequest, provproto.ConstructResponse>(client.construct, constructRequest(name, properties));
      declared.set(name, engine.registrations.slice(before).find((r) => r.type === "databricks:index/modelServing:ModelServing")!);
    }
    expect([...declared].map(([name, endpoint]) => [name, endpoint.name, endpoint.inputs.name])).toEqual([
      ["churn", "churn-endpoint", "prod-churn"],
      ["fraud", "fraud-endpoint", "prod-fraud"],
    ]);
    expect((declared.get("fraud")!.inputs.aiGateway as { rateLimits: unknown }).rateLimits).toEqual([
      { key: "endpoint", renewalPeriod: "minute", calls: 500 },
      { key: "user", renewalPeriod: "minute", calls: 20 },
    ]);
  }, SLOW);
});
