/**
 * The pack's type filter and its fail-closed answer to values unknown during preview, called directly.
 * The SDK's UnknownValueError is recognised by its class name, as the pack does (the pack and the SDK may
 * load different copies of the class).
 */
import type { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { failingClosed, forResourceTypes, isUnknownValueError, readIfKnown, undecidedMessage } from "../../policies/lib/applicability";

class UnknownValueError extends Error {}
const unknown = () => new UnknownValueError("string value at .owner can't be known during preview");

class NotApplicable extends Error {}

/** Runs a wrapped validation for one resource; returns the violations, or the not-applicable reason. */
function run(validation: ReturnType<typeof forResourceTypes>, type: string): { violations: string[]; notApplicable?: string } {
  const violations: string[] = [];
  const args = {
    type,
    name: "r",
    props: {},
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  } as unknown as ResourceValidationArgs;
  try {
    void validation(args, (m) => violations.push(m ?? ""));
  } catch (err) {
    if (err instanceof NotApplicable) return { violations, notApplicable: err.message };
    throw err;
  }
  return { violations };
}

const CATALOG = "databricks:index/catalog:Catalog";
const SCHEMA = "databricks:index/schema:Schema";

describe("forResourceTypes", () => {
  test("runs the validation for a listed type", () => {
    const validation = forResourceTypes([CATALOG, SCHEMA], (args, report) => report(`saw ${args.type}`));
    expect(run(validation, SCHEMA)).toEqual({ violations: [`saw ${SCHEMA}`] });
  });

  test("calls notApplicable with the SDK's reason, quoting every type, for any other type", () => {
    const validation = forResourceTypes([CATALOG, SCHEMA], (_args, report) => report("ran"));
    expect(run(validation, "aws:s3/bucket:Bucket")).toEqual({
      violations: [],
      notApplicable: `Policy only applies to resources of type '${CATALOG}', '${SCHEMA}'`,
    });
  });

  test("throws the not-applicable signal without a stack trace, and leaves the trace limit as it was", () => {
    const validation = forResourceTypes([CATALOG, SCHEMA], () => undefined);
    const limit = Error.stackTraceLimit;
    let thrown: Error | undefined;
    const notApplicable = (reason?: string) => {
      throw new NotApplicable(reason);
    };
    const args = { type: "aws:s3/bucket:Bucket", name: "r", props: {}, notApplicable } as unknown as ResourceValidationArgs;
    try {
      void validation(args, () => undefined);
    } catch (err) {
      thrown = err as Error;
    }
    expect(thrown).toBeInstanceOf(NotApplicable);
    expect(thrown!.stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error("after").stack).toMatch(/\n\s+at /);
  });

  test("marks a single type for the policy server, and only a single one", () => {
    expect((forResourceTypes([CATALOG], () => undefined) as { __pulumiType?: string }).__pulumiType).toBe(CATALOG);
    expect((forResourceTypes([CATALOG, SCHEMA], () => undefined) as { __pulumiType?: string }).__pulumiType).toBeUndefined();
  });

  test("turns a read of an unknown value into a violation naming the resource", () => {
    const validation = forResourceTypes([CATALOG], () => {
      throw unknown();
    });
    expect(run(validation, CATALOG).violations).toEqual([
      undecidedMessage("Catalog 'r'", "string value at .owner can't be known during preview"),
    ]);
  });

  test("lets any other error through", () => {
    const validation = forResourceTypes([CATALOG], () => {
      throw new TypeError("a bug");
    });
    expect(() => run(validation, CATALOG)).toThrow("a bug");
  });
});

describe("failingClosed", () => {
  const args = {} as StackValidationArgs;

  test("passes violations through and reports an unknown value as a violation about the stack", () => {
    const violations: string[] = [];
    void failingClosed((_a, report) => report("found"))(args, (m) => violations.push(m ?? ""));
    void failingClosed(() => {
      throw unknown();
    })(args, (m) => violations.push(m ?? ""));
    expect(violations).toEqual(["found", undecidedMessage("The stack", "string value at .owner can't be known during preview")]);
  });

  test("lets any other error through", () => {
    const validation = failingClosed(() => {
      throw new TypeError("a bug");
    });
    expect(() => validation(args, () => undefined)).toThrow("a bug");
  });
});

test("undecidedMessage names the resource, the cause and the way out", () => {
  expect(undecidedMessage("Catalog 'c'", "the cause")).toBe(
    "Catalog 'c' cannot be checked during preview: the cause. This rule fails closed on unknown values: " +
      "make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
      "or preview again once the resource it comes from exists.",
  );
});

test("isUnknownValueError recognises the SDK's error by its class name only", () => {
  expect(isUnknownValueError(unknown())).toBe(true);
  expect(isUnknownValueError(new Error("string value at .owner can't be known during preview"))).toBe(false);
  expect(isUnknownValueError({ constructor: { name: "UnknownValueError" } })).toBe(false);
});

describe("readIfKnown", () => {
  test("returns a known value, absent ones included", () => {
    expect(readIfKnown(() => "c")).toEqual({ known: true, value: "c" });
    expect(readIfKnown(() => undefined)).toEqual({ known: true, value: undefined });
  });

  test("tells an unknown value apart and lets other errors through", () => {
    expect(readIfKnown(() => {
      throw unknown();
    })).toEqual({ known: false });
    expect(() => readIfKnown(() => {
      throw new TypeError("a bug");
    })).toThrow("a bug");
  });
});
