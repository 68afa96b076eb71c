/**
 * A promise-based client for a policy pack's Analyzer gRPC service (pulumirpc.Analyzer, analyzer.proto),
 * making the calls the engine makes, with the messages the SDK's generated protobuf classes encode.
 */
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { GrpcCallError, GrpcStatus, GrpcUnaryClient } from "./grpc-unary";

/** What the generated message classes have in common. */
interface Message {
  serializeBinary(): Uint8Array;
}

/**
 * The Analyzer RPCs the engine uses, as promises. A request must not change once sent: its bytes are kept
 * for the next call with the same request (Remediate and Analyze of one resource share one).
 */
export class AnalyzerConnection {
  private readonly client: GrpcUnaryClient;
  private readonly encoded = new WeakMap<Message, Uint8Array>();

  constructor(port: number) {
    this.client = new GrpcUnaryClient(`127.0.0.1:${port}`);
  }

  private async call<Res>(method: string, request: Message, decode: (bytes: Uint8Array) => Res): Promise<Res> {
    let bytes = this.encoded.get(request);
    if (bytes === undefined) this.encoded.set(request, (bytes = request.serializeBinary()));
    return decode(await this.client.call(`/pulumirpc.Analyzer/${method}`, bytes));
  }

  /** Handshake; resolves false when the pack does not implement it (the Node.js SDK does not). */
  async handshake(request: analyzerPb.AnalyzerHandshakeRequest): Promise<boolean> {
    try {
      await this.call("Handshake", request, analyzerPb.AnalyzerHandshakeResponse.deserializeBinary);
      return true;
    } catch (err) {
      if (err instanceof GrpcCallError && err.code === GrpcStatus.UNIMPLEMENTED) return false;
      throw err;
    }
  }

  configureStack(request: analyzerPb.AnalyzerStackConfigureRequest): Promise<analyzerPb.AnalyzerStackConfigureResponse> {
    return this.call("ConfigureStack", request, analyzerPb.AnalyzerStackConfigureResponse.deserializeBinary);
  }

  getAnalyzerInfo(): Promise<analyzerPb.AnalyzerInfo> {
    return this.call("GetAnalyzerInfo", new Empty(), analyzerPb.AnalyzerInfo.deserializeBinary);
  }

  configure(request: analyzerPb.ConfigureAnalyzerRequest): Promise<Empty> {
    return this.call("Configure", request, Empty.deserializeBinary);
  }

  remediate(request: analyzerPb.AnalyzeRequest): Promise<analyzerPb.RemediateResponse> {
    return this.call("Remediate", request, analyzerPb.RemediateResponse.deserializeBinary);
  }

  analyze(request: analyzerPb.AnalyzeRequest): Promise<analyzerPb.AnalyzeResponse> {
    return this.call("Analyze", request, analyzerPb.AnalyzeResponse.deserializeBinary);
  }

  analyzeStack(request: analyzerPb.AnalyzeStackRequest): Promise<analyzerPb.AnalyzeResponse> {
    return this.call("AnalyzeStack", request, analyzerPb.AnalyzeResponse.deserializeBinary);
  }

  close(): void {
    this.client.close();
  }
}
