/**
 * The messages of the program's process are validated before the judging process uses them: the program
 * can write to the channel too, so each way a message can be wrong is refused, naming what is wrong.
 */
import { ChannelMessageError, channelLine, parseChannelMessage, type ChannelMessage } from "../../tools/plan/program-channel";
import type { PlannedStep } from "../../tools/plan/types";

const context = { project: "proj", stack: "prod" };
const step: PlannedStep = {
  op: "create",
  urn: "urn:pulumi:prod::proj::databricks:index/catalog:Catalog::cat",
  type: "databricks:index/catalog:Catalog",
  name: "cat",
  parent: "",
  dependencies: [],
  propertyDependencies: { name: [] },
  protect: true,
  retainOnDelete: true,
  provider: "",
  custom: true,
  inputs: { name: "prod_ml" },
  customTimeouts: { create: "10m" },
  aliases: ["urn:pulumi:prod::proj::databricks:index/catalog:Catalog::old"],
};
const register: ChannelMessage = { kind: "register", step, engineInputs: { name: "prod_ml" }, secrets: ["s3cr3t"] };
const finished: ChannelMessage = {
  kind: "finished",
  diagnostics: [{ severity: "info", message: "hello", urn: step.urn }],
  error: { message: "boom", stack: "Error: boom", stageConfigError: false },
  invokes: ["aws:index/getCallerIdentity:getCallerIdentity"],
  stackReferences: [{ stack: "dev", file: "tools/plan/recorded-outputs/dev.json" }],
  stackReferenceErrors: [],
};

/** The line of `message` with `change` applied to its parsed form. */
function altered(message: ChannelMessage, change: (m: Record<string, any>) => void): string {
  const m = JSON.parse(channelLine(message)) as Record<string, any>;
  change(m);
  return JSON.stringify(m);
}

function refusal(line: string): string {
  try {
    parseChannelMessage(line, context);
  } catch (err) {
    expect(err).toBeInstanceOf(ChannelMessageError);
    return (err as Error).message;
  }
  throw new Error("accepted");
}

test("a registration and a finished message come through whole, the step's keys in their order", () => {
  const parsed = parseChannelMessage(channelLine(register).trimEnd(), context);
  expect(parsed).toEqual(register);
  expect(JSON.stringify(parsed)).toBe(JSON.stringify(register));
  expect(parseChannelMessage(channelLine(finished), context)).toEqual(finished);
});

test.each<[string, string, string]>([
  ["not JSON", "{kind:", "a line is not JSON"],
  ["not an object", "[1]", "message is not an object"],
  ["an unknown kind", JSON.stringify({ kind: "verdict", passed: true }), 'unknown message kind "verdict"'],
  ["a field beside the message's", altered(register, (m) => (m.verdict = "pass")), "register message has unexpected field verdict"],
  ["a URN its parent, type and name do not make", altered(register, (m) => (m.step.urn = "urn:pulumi:prod::proj::databricks:index/catalog:Catalog::other")), "step.urn urn:pulumi:prod::proj::databricks:index/catalog:Catalog::other is not the URN of its parent, type and name (urn:pulumi:prod::proj::databricks:index/catalog:Catalog::cat)"],
  ["another stack's URN", altered(register, (m) => (m.step.urn = m.step.urn.replace(":prod:", ":dev:"))), "step.urn urn:pulumi:dev::proj::databricks:index/catalog:Catalog::cat is not the URN of its parent, type and name (urn:pulumi:prod::proj::databricks:index/catalog:Catalog::cat)"],
  ["an op other than create", altered(register, (m) => (m.step.op = "delete")), "step.op is not create"],
  ["protect that is no boolean", altered(register, (m) => (m.step.protect = "yes")), "step.protect is not a boolean"],
  ["dependencies that are no strings", altered(register, (m) => (m.step.dependencies = [1])), "step.dependencies is not a list of strings"],
  ["property dependencies that are no strings", altered(register, (m) => (m.step.propertyDependencies.name = "x")), "step.propertyDependencies.name is not a list of strings"],
  ["inputs that are no object", altered(register, (m) => (m.step.inputs = [])), "step.inputs is not an object"],
  ["a custom timeout of another kind", altered(register, (m) => (m.step.customTimeouts = { read: "1m" })), "step.customTimeouts has unexpected field read"],
  ["an unknown step field", altered(register, (m) => (m.step.approved = true)), "step has unexpected field approved"],
  ["secrets that are no strings", altered(register, (m) => (m.secrets = [{}])), "secrets is not a list of strings"],
  ["engine inputs that are no object", altered(register, (m) => (m.engineInputs = "x")), "engineInputs is not an object"],
  ["a diagnostic of an unknown severity", altered(finished, (m) => (m.diagnostics[0].severity = "verdict")), "diagnostics[0].severity is not one of debug, info, warning, error"],
  ["diagnostics that are no list", altered(finished, (m) => (m.diagnostics = {})), "diagnostics is not a list"],
  ["an error without its flag", altered(finished, (m) => delete m.error.stageConfigError), "error.stageConfigError is not a boolean"],
  ["a field beside the finished message's", altered(finished, (m) => (m.exitCode = 0)), "finished message has unexpected field exitCode"],
  ["a stack reference without its file", altered(finished, (m) => delete m.stackReferences[0].file), "stackReferences[0].file is not a string"],
])("refused: %s", (_, line, message) => {
  expect(refusal(line)).toBe(message);
});
