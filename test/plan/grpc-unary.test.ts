/**
 * The plan's gRPC client against a bare HTTP/2 server that answers as a gRPC server would: the request it
 * sends, the message it returns, and each way a call fails.
 */
import * as http2 from "http2";
import type { AddressInfo } from "net";
import { GrpcCallError, GrpcUnaryClient, frameMessage, unframeMessage } from "../../tools/plan/grpc-unary";

type Handler = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: Buffer) => void;

/** Serves one handler on a free port; returns a client for it and a way to stop both. */
async function serve(handler: Handler): Promise<{ client: GrpcUnaryClient; stop: () => Promise<void> }> {
  const server = http2.createServer();
  server.on("stream", (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("error", () => undefined); // a stream the handler resets errors on this side too
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => handler(stream, headers, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new GrpcUnaryClient(`127.0.0.1:${(server.address() as AddressInfo).port}`);
  return { client, stop: () => (client.close(), new Promise((resolve) => server.close(() => resolve()))) };
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe("message framing", () => {
  test("prefixes a message with an uncompressed flag and its big-endian length, and reads it back", () => {
    const frame = frameMessage(bytes("abc"));
    expect([...frame]).toEqual([0, 0, 0, 0, 3, 97, 98, 99]);
    expect(Buffer.from(unframeMessage(frame)).toString()).toBe("abc");
  });

  test("refuses a body shorter than its prefix, a compressed message and a length that does not match", () => {
    expect(() => unframeMessage(Buffer.from([0, 0]))).toThrow("the response body holds 2 bytes, less than a message prefix");
    expect(() => unframeMessage(Buffer.from([1, 0, 0, 0, 0]))).toThrow("the response message is compressed, though the call accepted no compression");
    expect(() => unframeMessage(Buffer.from([0, 0, 0, 0, 2, 1]))).toThrow("the response body holds 1 bytes after its prefix, not the 2 it announced");
  });
});

describe("GrpcUnaryClient", () => {
  test("posts the framed request to the method's path as a gRPC call and returns the response message", async () => {
    const seen: Array<{ headers: http2.IncomingHttpHeaders; body: Buffer }> = [];
    const { client, stop } = await serve((stream, headers, body) => {
      seen.push({ headers, body });
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(frameMessage(bytes(`echo:${unframeMessage(body).length}`)));
    });
    try {
      const answers = await Promise.all([client.call("/pulumirpc.Analyzer/Analyze", bytes("hello")), client.call("/pulumirpc.Analyzer/Remediate", bytes("hi"))]);
      expect(answers.map((a) => Buffer.from(a).toString())).toEqual(["echo:5", "echo:2"]);
      expect(seen[0].headers).toMatchObject({ ":method": "POST", ":path": "/pulumirpc.Analyzer/Analyze", "content-type": "application/grpc", te: "trailers" });
      expect([...seen[0].body]).toEqual([...frameMessage(bytes("hello"))]);
    } finally {
      await stop();
    }
  });

  test("rejects with the status and the percent-decoded message of a trailers-only error", async () => {
    const { client, stop } = await serve((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12", "grpc-message": "Method%20not%20found" }, { endStream: true });
    });
    try {
      const failure = client.call("/pulumirpc.Analyzer/Handshake", bytes(""));
      await expect(failure).rejects.toBeInstanceOf(GrpcCallError);
      await expect(failure).rejects.toMatchObject({ code: 12, details: "Method not found", message: "/pulumirpc.Analyzer/Handshake failed: 12 UNIMPLEMENTED: Method not found" });
    } finally {
      await stop();
    }
  });

  test("rejects with the status of the trailers after a message", async () => {
    const { client, stop } = await serve((stream) => {
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "2", "grpc-message": "policy threw" }));
      stream.end(frameMessage(bytes("partial")));
    });
    try {
      await expect(client.call("/pulumirpc.Analyzer/Analyze", bytes("x"))).rejects.toMatchObject({ code: 2, details: "policy threw" });
    } finally {
      await stop();
    }
  });

  test("rejects as unavailable when the stream ends without a status, or nothing listens", async () => {
    const { client, stop } = await serve((stream) => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    try {
      await expect(client.call("/pulumirpc.Analyzer/Analyze", bytes("x"))).rejects.toMatchObject({ code: 14 });
    } finally {
      await stop();
    }
    const nobody = new GrpcUnaryClient("127.0.0.1:1");
    await expect(nobody.call("/pulumirpc.Analyzer/Analyze", bytes("x"))).rejects.toMatchObject({ code: 14, message: expect.stringMatching(/ECONNREFUSED/) });
    nobody.close();
  });

  test("refuses a response that is not HTTP 200 even without a gRPC status", async () => {
    const { client, stop } = await serve((stream) => stream.respond({ ":status": 503 }, { endStream: true }));
    try {
      await expect(client.call("/pulumirpc.Analyzer/Analyze", bytes("x"))).rejects.toMatchObject({ code: 2, details: "HTTP status 503" });
    } finally {
      await stop();
    }
  });
});
