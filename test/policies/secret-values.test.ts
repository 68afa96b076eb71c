/**
 * Reading inputs through the policy SDK's proxies and wrapping credential paths as secrets
 * (policies/lib/secret-values.ts), on plain objects that stand in for the proxies: the SDK exposes a proxy's
 * target under `__getSpecialProxyTarget`. The launched-pack test of alerts-require-secret-destinations covers
 * the real proxies.
 */
import { Secret } from "@pulumi/policy";
import { leafAt, rawValue, withSecretPaths } from "../../policies/lib/secret-values";

const proxyOf = (target: unknown) => ({ __getSpecialProxyTarget: target });

describe("rawValue", () => {
  test("reads through proxies to their target, and leaves anything else alone", () => {
    const target = { a: 1 };
    expect(rawValue(proxyOf(proxyOf(target)))).toBe(target);
    expect(rawValue(target)).toBe(target);
    expect(rawValue("x")).toBe("x");
    expect(rawValue(null)).toBeNull();
  });

  test("stops at a proxy that is its own target, and after four proxies", () => {
    const self: Record<string, unknown> = {};
    self.__getSpecialProxyTarget = self;
    expect(rawValue(self)).toBe(self);
    const chain = [{ n: 5 }] as Record<string, unknown>[];
    for (let n = 4; n >= 0; n--) chain.unshift(proxyOf(chain[0]));
    expect(rawValue(chain[0])).toBe(chain[4]);
  });
});

describe("leafAt", () => {
  test("finds a plain value and copies its path", () => {
    const path = ["config", "slack", "url"];
    const leaf = leafAt({ config: { slack: { url: "u" } } }, path);
    expect(leaf).toEqual({ path, value: "u", secret: false });
    expect(leaf?.path).not.toBe(path);
  });

  test("a secret leaf, or a secret on the way, makes the leaf secret", () => {
    expect(leafAt({ config: { slack: { url: new Secret("u") } } }, ["config", "slack", "url"])).toEqual({ path: ["config", "slack", "url"], value: "u", secret: true });
    expect(leafAt({ config: new Secret({ slack: { url: "u" } }) }, ["config", "slack", "url"])).toEqual({ path: ["config", "slack", "url"], value: "u", secret: true });
    expect(leafAt(proxyOf({ config: proxyOf({ url: "u" }) }), ["config", "url"])).toEqual({ path: ["config", "url"], value: "u", secret: false });
  });

  test("a missing leaf, or a path through a value that is no object, finds nothing", () => {
    expect(leafAt({ config: { slack: {} } }, ["config", "slack", "url"])).toBeUndefined();
    expect(leafAt({ config: { slack: "text" } }, ["config", "slack", "url"])).toBeUndefined();
    expect(leafAt({ config: null }, ["config", "slack"])).toBeUndefined();
  });
});

describe("withSecretPaths", () => {
  test("wraps each plain leaf on the paths, in a copy; other values stay as they were", () => {
    const raw = { displayName: "d", config: { slack: { url: "u", channel: "c" } }, list: [1, { a: 2 }] };
    const copy = withSecretPaths(raw, [["config", "slack", "url"]]) as { displayName: string; config: { slack: Record<string, unknown> }; list: unknown[] };
    expect(copy.config.slack.url).toEqual(new Secret("u"));
    expect(copy.config.slack.channel).toBe("c");
    expect(copy.displayName).toBe("d");
    expect(copy.list).toEqual([1, { a: 2 }]);
    expect(raw.config.slack.url).toBe("u");
    expect(copy.config).not.toBe(raw.config);
  });

  test("leaves absent leaves absent and secrets unwrapped once", () => {
    const secret = new Secret({ key: "k" });
    const copy = withSecretPaths({ config: { pagerduty: secret } }, [["config", "slack", "url"], ["config", "pagerduty"]]) as { config: Record<string, unknown> };
    expect(copy.config).toEqual({ pagerduty: new Secret({ key: "k" }) });
    expect((copy.config.pagerduty as Secret).value).toEqual({ key: "k" });
  });

  test("reaches leaves inside a secret object", () => {
    const copy = withSecretPaths({ config: new Secret({ slack: { url: "u" } }) }, [["config", "slack", "url"]]) as { config: Secret };
    expect(copy.config.value).toEqual({ slack: { url: new Secret("u") } });
  });

  test("a path through a value that is no object wraps nothing, not a namesake higher up", () => {
    const copy = withSecretPaths({ config: { slack: "text", url: "plain" } }, [["config", "slack", "url"]]) as { config: Record<string, unknown> };
    expect(copy.config).toEqual({ slack: "text", url: "plain" });
    expect(withSecretPaths({ config: null, url: "plain" }, [["config", "url"]])).toEqual({ config: null, url: "plain" });
    expect(withSecretPaths({ config: "text", slack: { url: "plain" } }, [["config", "slack", "url"]])).toEqual({ config: "text", slack: { url: "plain" } });
  });
});
