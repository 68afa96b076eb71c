/**
 * The engine's side of a component provider's `Construct`, offline: one gRPC server with the Engine service (the
 * plugin's logs) and a ResourceMonitor that records each RegisterResource and answers with a fake id and the
 * inputs as outputs, plus the extra outputs given per type. No feature is supported, so values cross as plain
 * JSON (no output values, secrets or resource references).
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

/** One RegisterResource the plugin made. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  protect: boolean;
  inputs: Record<string, unknown>;
  dependencies: string[];
}

/** A running fake engine; `close` stops it. */
export interface FakeEngine {
  /** `127.0.0.1:<port>`: the plugin's engine argument and the ConstructRequest's monitor endpoint. */
  address: string;
  registrations: Registration[];
  /** Outputs registered by components (RegisterResourceOutputs), by URN. */
  componentOutputs: Map<string, Record<string, unknown>>;
  logs: string[];
  close(): Promise<void>;
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>`, the chain being the parent's types then `type`. */
function childUrn(project: string, stack: string, parentUrn: string, type: string, name: string): string {
  const parentChain = parentUrn.split("::")[2];
  const chain = parentChain === undefined || parentChain === "pulumi:pulumi:Stack" ? type : `${parentChain}$${type}`;
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** Starts the fake engine for `project`/`stack`; `extraOutputs` by resource type are merged into its answers. */
export async function startFakeEngine(project: string, stack: string, extraOutputs: Record<string, Record<string, unknown>> = {}): Promise<FakeEngine> {
  const registrations: Registration[] = [];
  const componentOutputs = new Map<string, Record<string, unknown>>();
  const logs: string[] = [];
  const server = new grpc.Server();

  const registerResource: Unary<resproto.RegisterResourceRequest, resproto.RegisterResourceResponse> = (call, callback) => {
    const req = call.request;
    const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const urn = childUrn(project, stack, req.getParent(), req.getType(), req.getName());
    registrations.push({ urn, type: req.getType(), name: req.getName(), parent: req.getParent(), custom: req.getCustom(), protect: req.getProtect() === true, inputs, dependencies: req.getDependenciesList() });
    const resp = new resproto.RegisterResourceResponse();
    resp.setUrn(urn);
    if (req.getCustom()) resp.setId(`${req.getName()}-id`);
    resp.setObject(structproto.Struct.fromJavaScript({ ...inputs, ...(extraOutputs[req.getType()] ?? {}) } as Record<string, structproto.JavaScriptValue>));
    callback(null, resp);
  };
  const registerResourceOutputs: Unary<resproto.RegisterResourceOutputsRequest, emptyproto.Empty> = (call, callback) => {
    componentOutputs.set(call.request.getUrn(), (call.request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
    callback(null, new emptyproto.Empty());
  };
  const supportsFeature: Unary<resproto.SupportsFeatureRequest, resproto.SupportsFeatureResponse> = (_call, callback) => {
    const resp = new resproto.SupportsFeatureResponse();
    resp.setHassupport(false);
    callback(null, resp);
  };
  server.addService(resrpc.ResourceMonitorService, { registerResource, registerResourceOutputs, supportsFeature } as unknown as grpc.UntypedServiceImplementation);

  const log: Unary<engineproto.LogRequest, emptyproto.Empty> = (call, callback) => {
    logs.push(call.request.getMessage());
    callback(null, new emptyproto.Empty());
  };
  const getRootResource: Unary<engineproto.GetRootResourceRequest, engineproto.GetRootResourceResponse> = (_call, callback) => {
    callback(null, new engineproto.GetRootResourceResponse());
  };
  const setRootResource: Unary<engineproto.SetRootResourceRequest, engineproto.SetRootResourceResponse> = (_call, callback) => {
    callback(null, new engineproto.SetRootResourceResponse());
  };
  server.addService(enginerpc.EngineService, { log, getRootResource, setRootResource } as unknown as grpc.UntypedServiceImplementation);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    registrations,
    componentOutputs,
    logs,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
