/**
 * Counts the test cases of a jest test file without running them: the file is loaded with stand-ins for
 * jest's globals that run every `describe` body and count every `test`/`it` (a `.each` table counts once
 * per row), as jest would collect them. Hooks and test bodies never run. Used by the rule catalogue.
 */
import * as path from "path";

type Body = (...args: unknown[]) => unknown;

/** A stand-in for `test`/`it`: counts one case per call, one per row of `.each`; skipped cases do not count. */
function testStandIn(count: (n: number) => void) {
  const test = (_name: unknown, _body?: Body) => count(1);
  const each = (table: readonly unknown[]) => (_name: unknown, _body?: Body) => count(table.length);
  const skipped = Object.assign(() => undefined, { each: () => () => undefined });
  return Object.assign(test, { each, only: Object.assign(test, { each }), concurrent: Object.assign(test, { each }), skip: skipped, todo: () => undefined });
}

/** A stand-in for `describe`: runs the body at once (once per row for `.each`), as jest collects it. */
function describeStandIn() {
  const describe = (_name: unknown, body: Body) => void body();
  const each = (table: readonly unknown[]) => (_name: unknown, body: Body) => {
    for (const row of table) void body(...(Array.isArray(row) ? row : [row]));
  };
  return Object.assign(describe, { each, only: Object.assign(describe, { each }), skip: Object.assign(() => undefined, { each: () => () => undefined }) });
}

const GLOBAL_NAMES = ["describe", "test", "it", "beforeAll", "afterAll", "beforeEach", "afterEach", "expect", "jest"] as const;

/** The number of test cases jest would collect from `file` (a path to a `.test.ts` file). */
export function countTestCases(file: string): number {
  const scope = globalThis as Record<string, unknown>;
  const saved = new Map(GLOBAL_NAMES.map((name) => [name, scope[name]]));
  let total = 0;
  const count = (n: number) => (total += n);
  const noop = () => undefined;
  Object.assign(scope, {
    describe: describeStandIn(),
    test: testStandIn(count),
    it: testStandIn(count),
    beforeAll: noop,
    afterAll: noop,
    beforeEach: noop,
    afterEach: noop,
    // Only test bodies and hooks call these, and they never run here.
    expect: noop,
    jest: {},
  });
  const resolved = path.resolve(file);
  try {
    require(resolved);
  } finally {
    delete require.cache[resolved];
    for (const [name, value] of saved) {
      if (value === undefined) delete scope[name];
      else scope[name] = value;
    }
  }
  return total;
}
