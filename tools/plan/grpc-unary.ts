/**
 * Unary gRPC calls over one HTTP/2 connection, as the protocol defines them (grpc/doc/PROTOCOL-HTTP2.md):
 * a POST to `/<service>/<method>` with `content-type: application/grpc` and `te: trailers`, one
 * length-prefixed message each way, and the outcome in the `grpc-status` trailer (or in the headers of a
 * trailers-only response).
 *
 * Why not @grpc/grpc-js: the plan makes two calls per resource, one at a time as the engine makes them,
 * and grpc-js spent about as long on each call's channel, interceptor and metadata machinery as the pack
 * took to answer it. The pack's server sees the same requests either way: same paths, same bytes.
 */
import * as http2 from "node:http2";

/** A failed call: the gRPC status code and message, as grpc-js's `ServiceError` carries them. */
export class GrpcCallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    method: string,
  ) {
    super(`${method} failed: ${code} ${STATUS_NAMES[code] ?? "UNKNOWN"}: ${details}`);
  }
}

/** The status codes the plan sets or tells apart (grpc/doc/statuscodes.md). */
export const GrpcStatus = { OK: 0, UNKNOWN: 2, UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14 } as const;

/** Status names by code, for messages. */
const STATUS_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
];

/** The 5-byte prefix of a gRPC message: a compression flag and the length, big-endian. */
export function frameMessage(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(5 + message.length);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

/** The one message of a unary response body; throws on a compressed, truncated or repeated message. */
export function unframeMessage(body: Buffer): Uint8Array {
  if (body.length < 5) throw new Error(`the response body holds ${body.length} bytes, less than a message prefix`);
  if (body.readUInt8(0) !== 0) throw new Error("the response message is compressed, though the call accepted no compression");
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length) throw new Error(`the response body holds ${body.length - 5} bytes after its prefix, not the ${length} it announced`);
  return body.subarray(5);
}

/** gRPC percent-encodes `grpc-message`. */
function decodeGrpcMessage(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A client for one server: unary calls over a single HTTP/2 session, opened on the first call. */
export class GrpcUnaryClient {
  private session: http2.ClientHttp2Session | undefined;

  constructor(private readonly authority: string) {}

  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(`http://${this.authority}`);
    // A failed connection fails the calls on it (their streams error); the session's own error needs a listener.
    session.on("error", () => undefined);
    this.session = session;
    return session;
  }

  /** Calls `path` (`/package.Service/Method`) with the serialized request; resolves to the response bytes. */
  call(path: string, request: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      let stream: http2.ClientHttp2Stream;
      try {
        stream = this.connect().request({
          ":method": "POST",
          ":path": path,
          "content-type": "application/grpc",
          te: "trailers",
        });
      } catch (err) {
        reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, (err as Error).message, path));
        return;
      }
      const chunks: Buffer[] = [];
      let status: string | string[] | undefined;
      let message: string | string[] | undefined;
      stream.on("response", (headers) => {
        // A trailers-only response (an error before any message) carries the status in its headers.
        status = headers["grpc-status"];
        message = headers["grpc-message"];
        const httpStatus = headers[":status"];
        if (httpStatus !== 200) {
          status ??= String(GrpcStatus.UNKNOWN);
          message ??= `HTTP status ${httpStatus}`;
        }
      });
      stream.on("trailers", (trailers) => {
        status = trailers["grpc-status"];
        message = trailers["grpc-message"];
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (err) => reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, err.message, path)));
      stream.on("close", () => {
        if (status === undefined) {
          reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, "the connection closed before the call ended", path));
          return;
        }
        const code = Number(status);
        if (code !== GrpcStatus.OK) {
          reject(new GrpcCallError(code, decodeGrpcMessage(message), path));
          return;
        }
        try {
          resolve(unframeMessage(Buffer.concat(chunks)));
        } catch (err) {
          reject(new GrpcCallError(GrpcStatus.INTERNAL, (err as Error).message, path));
        }
      });
      stream.end(frameMessage(request));
    });
  }

  /** Closes the session; calls in flight fail. */
  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}
