/**
 * Go duration strings (`30s`, `1m30s`, `1.5h`), the format of the time provider's durations: its sleep resource
 * parses `create_duration` and `destroy_duration` with Go's `time.ParseDuration`.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, "μs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** The seconds a Go duration string stands for; undefined when it is not one (or is negative). */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "0" || trimmed === "+0") return 0;
  const body = trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  if (body === "") return undefined;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  let rest = body;
  let seconds = 0;
  while (rest !== "") {
    const match = part.exec(rest);
    if (!match) return undefined;
    seconds += Number(match[1]) * (UNIT_SECONDS[match[2] as string] ?? Number.NaN);
    rest = rest.slice(match[0].length);
  }
  return Number.isFinite(seconds) ? seconds : undefined;
}
