/**
 * A promise-based client for a policy pack's Analyzer gRPC server.
 */
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient as GeneratedAnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

/** The engine raises the receive limit to 400 MB for analyzers; so do we (stack requests can be large). */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

type Unary<Req, Res> = (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown;

/** The Analyzer RPCs the engine uses, as promises. */
export class AnalyzerConnection {
  private readonly client: GeneratedAnalyzerClient;

  constructor(port: number) {
    this.client = new GeneratedAnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
  }

  private call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      method.call(this.client, request, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** Handshake; resolves false when the pack does not implement it (the Node.js SDK does not). */
  async handshake(request: analyzerPb.AnalyzerHandshakeRequest): Promise<boolean> {
    try {
      await this.call(this.client.handshake, request);
      return true;
    } catch (err) {
      if ((err as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) return false;
      throw err;
    }
  }

  configureStack(request: analyzerPb.AnalyzerStackConfigureRequest): Promise<analyzerPb.AnalyzerStackConfigureResponse> {
    return this.call(this.client.configureStack, request);
  }

  getAnalyzerInfo(): Promise<analyzerPb.AnalyzerInfo> {
    return this.call(this.client.getAnalyzerInfo, new Empty());
  }

  configure(request: analyzerPb.ConfigureAnalyzerRequest): Promise<Empty> {
    return this.call(this.client.configure, request);
  }

  remediate(request: analyzerPb.AnalyzeRequest): Promise<analyzerPb.RemediateResponse> {
    return this.call(this.client.remediate, request);
  }

  analyze(request: analyzerPb.AnalyzeRequest): Promise<analyzerPb.AnalyzeResponse> {
    return this.call(this.client.analyze, request);
  }

  analyzeStack(request: analyzerPb.AnalyzeStackRequest): Promise<analyzerPb.AnalyzeResponse> {
    return this.call(this.client.analyzeStack, request);
  }

  close(): void {
    this.client.close();
  }
}
