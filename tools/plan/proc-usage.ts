/**
 * CPU time and peak memory of a live process, read from Linux's /proc. The plan reports its policy pack's
 * usage this way: it does not wait for the pack to exit, so the pack's usage never reaches the plan's own
 * resource accounting (what `/usr/bin/time` reports for the plan).
 */
import * as fs from "node:fs";

/** USER_HZ: the clock ticks per second of /proc/<pid>/stat, 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** CPU ms (user + system) and peak RSS in KiB of process `pid`; undefined off Linux or once it is gone. */
export function processUsage(pid: number | undefined): { cpuMs: number; peakRssKb: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    // utime and stime are fields 14 and 15; counting starts after the parenthesised command name.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return { cpuMs, peakRssKb: hwm ? Number(hwm[1]) : 0 };
  } catch {
    return undefined;
  }
}
