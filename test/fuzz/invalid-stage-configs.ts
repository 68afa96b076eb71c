/**
 * Random invalid stack configurations: a valid generated config broken in exactly one known place, by
 * a wrong type, a missing required key, an unknown key, a bad enum value, a malformed or out-of-range
 * value, a cross-field rule, or a secret given in plain text. Each case carries the key it broke.
 */
import fc from "fast-check";
import { stageConfigSchema } from "../../stack/config";
import { type BrokenAt, CROSS_FIELD_BREAKS } from "./cross-field-breaks";
import { MALFORMED } from "./malformed-values";
import { type ConfigPath, type Site, patternOf, sitesOf, wrongTypes } from "./schema-sites";
import { type GeneratedConfig, validStageConfig } from "./valid-stage-configs";

/** One invalid config and where it is broken. */
export interface InvalidCase extends GeneratedConfig, BrokenAt {
  /** Which kind of break, e.g. `wrongType`, `crossField:devAccessOnDev`. */
  kind: string;
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

function parentOf(raw: Raw, path: ConfigPath): Raw | unknown[] | undefined {
  let value: unknown = raw;
  for (const segment of path.slice(0, -1)) value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
  return isRecord(value) || Array.isArray(value) ? value : undefined;
}

function setAt(raw: Raw, path: ConfigPath, value: unknown): void {
  (parentOf(raw, path) as Record<string | number, unknown>)[path[path.length - 1]] = value;
}

/** Sites whose parent exists, so a value can be put there. */
const reachable = (raw: Raw, sites: Site[]) => sites.filter((site) => site.path.length > 0 && parentOf(raw, site.path) !== undefined);

/** An unknown key name: none of the schema's keys start with "x". */
const UNKNOWN_KEYS = ["xtra", "x_typo", "xEnabled", "x-1"];

/** A break at one site: which sites it applies to, and how it breaks one (mutating the config in place). */
interface SiteBreak {
  applies: (site: Site) => boolean;
  apply: (raw: Raw, site: Site, choose: <T>(values: readonly T[]) => T) => BrokenAt;
}

/** The breaks the schema walk yields, by kind. */
const SITE_BREAKS: Record<string, SiteBreak> = {
  wrongType: {
    applies: () => true,
    apply: (raw, site, choose) => {
      setAt(raw, site.path, choose(wrongTypes(site.kind, site.path.length === 1)));
      return { key: site.path };
    },
  },
  missing: {
    applies: (site) => site.required && site.present,
    apply: (raw, site) => {
      delete (parentOf(raw, site.path) as Raw)[site.path[site.path.length - 1] as string];
      return { key: site.path };
    },
  },
  unknownKey: {
    applies: (site) => site.kind === "object" && site.strict === true && site.present,
    apply: (raw, site, choose) => {
      const key = [...site.path, choose(UNKNOWN_KEYS)];
      setAt(raw, key, "value");
      return { key };
    },
  },
  // Malformed values and bad enum values go where the config has a value: a key added beside others
  // may break a rule between them too (an existing cluster and a job cluster policy).
  badEnum: {
    applies: (site) => site.kind === "enum" && site.present,
    apply: (raw, site, choose) => {
      // Same letters in another case, or another word: never one of the entries.
      setAt(raw, site.path, choose([...(site.entries ?? []).map((entry) => (entry.toUpperCase() === entry ? entry.toLowerCase() : entry.toUpperCase())), "other"]));
      return { key: site.path };
    },
  },
  malformed: {
    applies: (site) => site.present && MALFORMED[patternOf(site.path)] !== undefined,
    apply: (raw, site, choose) => {
      setAt(raw, site.path, structuredClone(choose(MALFORMED[patternOf(site.path)])));
      return { key: site.path };
    },
  },
};

const CROSS_FIELD = Object.entries(CROSS_FIELD_BREAKS);
const KINDS = [...Object.keys(SITE_BREAKS), "crossField", "plainSecret"];

/** The first cross-field break from `start` on that applies (several always do: the workspace mode's keys). */
function crossFieldBreak(raw: Raw, start: number, pick: number): { brokenAt: BrokenAt; name: string } {
  for (let offset = 0; ; offset++) {
    const [name, mutate] = CROSS_FIELD[(start + offset) % CROSS_FIELD.length];
    const brokenAt = mutate(raw, pick);
    if (brokenAt !== undefined) return { brokenAt, name };
  }
}

/**
 * Applies one break to a copy of `config`. `kindPick` chooses the kind (the next one when none of its
 * breaks applies), `pick` the site and the value.
 */
export function breakConfig(config: GeneratedConfig, kindPick: number, pick: number): InvalidCase {
  const raw = structuredClone(config.raw);
  const choose = <T>(values: readonly T[]) => values[pick % values.length];
  const sites = reachable(raw, sitesOf(stageConfigSchema, raw));
  for (let offset = 0; ; offset++) {
    const kind = KINDS[(kindPick + offset) % KINDS.length];
    if (kind === "plainSecret") {
      raw.notificationSecrets ??= { "team-chat": "https://hooks.example.com/services/T000" };
      return { raw, secretKeys: [], key: ["notificationSecrets"], kind };
    }
    if (kind === "crossField") {
      const { brokenAt, name } = crossFieldBreak(raw, Math.floor(pick / 11), pick);
      return { raw, secretKeys: [...config.secretKeys], ...brokenAt, kind: `${kind}:${name}` };
    }
    const applicable = sites.filter(SITE_BREAKS[kind].applies);
    if (applicable.length === 0) continue;
    const brokenAt = SITE_BREAKS[kind].apply(raw, applicable[Math.floor(pick / 11) % applicable.length], choose);
    return { raw, secretKeys: [...config.secretKeys], ...brokenAt, kind };
  }
}

/** A valid config of any stage broken in one place. */
export function invalidStageConfig(): fc.Arbitrary<InvalidCase> {
  return fc
    .tuple(validStageConfig(), fc.nat(), fc.nat())
    .map(([config, kindPick, pick]) => breakConfig(config, kindPick, pick));
}
