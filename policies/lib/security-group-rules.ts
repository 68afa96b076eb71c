/**
 * What a security group's inline rules allow, judged against Databricks' customer-managed VPC requirements: the
 * cluster nodes talk to each other freely (the group itself, `self`), and leave the VPC only over TCP on the ports
 * Databricks documents for its control plane, metastore and AWS services. Pure functions over the inputs.
 */

import { readIfKnown } from "./applicability";

/**
 * The TCP ports Databricks documents for a customer-managed VPC's outbound traffic to 0.0.0.0/0: 443 (control
 * plane, AWS services), 3306 (legacy Hive metastore), 6666 (secure cluster connectivity relay), 2443 (FIPS
 * endpoints), 8443-8451 (control plane API, Unity Catalog logging and lineage). They are a fact of the product,
 * the same on every stage, so they live here beside the rule's tests and not in a stage's policy config.
 */
export const DATABRICKS_EGRESS_PORTS: readonly (readonly [number, number])[] = [
  [443, 443],
  [2443, 2443],
  [3306, 3306],
  [6666, 6666],
  [8443, 8451],
];

/** The documented ports as a message shows them. */
export const DATABRICKS_EGRESS_PORTS_TEXT = DATABRICKS_EGRESS_PORTS.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(", ");

/** One inline ingress or egress entry, as the provider takes it. */
type Entry = Record<string, unknown>;

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** The protocol in the provider's canonical words: `all` for -1, names for the IANA numbers of tcp, udp, icmp. */
export function protocolOf(value: unknown): string {
  const text = String(value).trim().toLowerCase();
  const names: Record<string, string> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };
  return names[text] ?? text;
}

/**
 * True when every port from `fromPort` to `toPort` is one Databricks documents. The documented ranges neither
 * touch nor overlap, so a range is covered only by lying inside one of them.
 */
export function withinDatabricksPorts(fromPort: unknown, toPort: unknown): boolean {
  if (typeof fromPort !== "number" || typeof toPort !== "number") return false;
  const [low, high] = fromPort <= toPort ? [fromPort, toPort] : [toPort, fromPort];
  return DATABRICKS_EGRESS_PORTS.some(([from, to]) => from <= low && high <= to);
}

function portsText(entry: Entry): string {
  return entry.fromPort === entry.toPort ? `port ${String(entry.fromPort)}` : `ports ${String(entry.fromPort)}-${String(entry.toPort)}`;
}

/** What an entry opens to, for a message. */
function reach(entry: Entry): string {
  const protocol = protocolOf(entry.protocol);
  return protocol === "all" ? "all protocols and ports" : `${protocol} ${portsText(entry)}`;
}

/** Sources (ingress) or destinations (egress) the pack never admits: addresses and prefix lists. */
const ADDRESS_FIELDS = ["ipv6CidrBlocks", "prefixListIds"] as const;

/** The findings for one ingress entry; `rule` names it in messages, e.g. "Security group 'x' ingress rule 1". */
export function findIngressGaps(rule: string, entry: Entry): string[] {
  const findings: string[] = [];
  for (const field of ["cidrBlocks", ...ADDRESS_FIELDS]) {
    const values = listOf(entry[field]);
    if (values.length > 0) {
      findings.push(
        `${rule} admits ${field} ${values.map(String).join(", ")} on ${reach(entry)}; ingress may come only from the group itself ` +
          "(self: true) or a security group this stack declares, never from addresses or prefix lists.",
      );
    }
  }
  if (namesSecurityGroups(entry) && protocolOf(entry.protocol) === "all") {
    findings.push(`${rule} admits another security group on all protocols and ports; protocol -1 (all) is allowed only with self: true.`);
  }
  return findings;
}

/** The findings for one egress entry. */
export function findEgressGaps(rule: string, entry: Entry): string[] {
  const findings: string[] = [];
  const allowed = `egress may go only to the group itself (self: true) or over tcp on Databricks' documented ports (${DATABRICKS_EGRESS_PORTS_TEXT})`;
  if (namesSecurityGroups(entry)) findings.push(`${rule} sends traffic to other security groups (securityGroups); ${allowed}.`);
  for (const field of ADDRESS_FIELDS) {
    const values = listOf(entry[field]);
    if (values.length > 0) findings.push(`${rule} sends traffic to ${field} ${values.map(String).join(", ")}; ${allowed}.`);
  }
  const cidrBlocks = listOf(entry.cidrBlocks);
  if (cidrBlocks.length > 0) {
    const protocol = protocolOf(entry.protocol);
    if (protocol === "all") {
      findings.push(`${rule} sends all protocols and ports to ${cidrBlocks.map(String).join(", ")}; protocol -1 (all) is allowed only with self: true; ${allowed}.`);
    } else if (protocol !== "tcp" || !withinDatabricksPorts(entry.fromPort, entry.toPort)) {
      findings.push(`${rule} sends ${reach(entry)} to ${cidrBlocks.map(String).join(", ")}; ${allowed}.`);
    }
  }
  return findings;
}

/** True when the entry names security groups: a non-empty list, or one unknown during preview (ids of groups yet to exist). */
export function namesSecurityGroups(entry: Entry): boolean {
  const groups = readIfKnown(() => entry.securityGroups);
  return !groups.known || listOf(groups.value).length > 0;
}

/**
 * The distinct security group ids the entries name that are known now, and whether any entry names one. An id
 * unknown during preview is one of a group yet to be created, which the input's property dependencies name.
 */
export function namedSecurityGroups(entries: readonly Entry[]): { known: Set<string>; any: boolean } {
  const known = new Set<string>();
  let any = false;
  for (const entry of entries) {
    if (!namesSecurityGroups(entry)) continue;
    any = true;
    const groups = readIfKnown(() => listOf(entry.securityGroups));
    if (!groups.known) continue;
    for (let index = 0; index < groups.value.length; index++) {
      const id = readIfKnown(() => groups.value[index]);
      if (id.known && typeof id.value === "string") known.add(id.value);
    }
  }
  return { known, any };
}

/** The inline entries of one direction; an absent list has none (the provider then removes AWS's default egress). */
export function entriesOf(value: unknown): Entry[] {
  return listOf(value).filter((entry): entry is Entry => typeof entry === "object" && entry !== null);
}
