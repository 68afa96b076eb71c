/**
 * The customer-managed VPC's address plan and security group, as pure data. Databricks needs at least two
 * private subnets in different zones, each between /17 and /26.
 */

/** Splits `vpcCidr` into eight equal blocks (three more prefix bits) and returns the first `count`. */
export function subnetCidrs(vpcCidr: string, count: number): string[] {
  const [address, prefixText] = vpcCidr.split("/");
  const prefix = Number(prefixText);
  const subnetPrefix = prefix + 3;
  if (count < 1 || count > 8 || subnetPrefix > 26) {
    throw new Error(`subnetCidrs: cannot fit ${count} subnets of /${subnetPrefix} (at most /26) into ${vpcCidr}`);
  }
  const base = address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
  const networkBase = base - (base % 2 ** (32 - prefix));
  const size = 2 ** (32 - subnetPrefix);
  return Array.from({ length: count }, (_, index) => `${toDotted(networkBase + index * size)}/${subnetPrefix}`);
}

function toDotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/**
 * Ports cluster nodes reach outside their own group: 443 (control plane, S3, STS, Kinesis), 3306 (legacy
 * Hive metastore), 6666 (secure cluster connectivity relay), 2443 (FIPS-compliant TLS), 8443-8451 (control
 * plane APIs, Unity Catalog logging and lineage).
 */
export const WORKSPACE_EGRESS_PORTS: readonly (number | [number, number])[] = [443, 3306, 6666, 2443, [8443, 8451]];

/** One rule of a security group, as `aws.ec2.SecurityGroup`'s `ingress`/`egress` take it. */
export interface SecurityGroupRule {
  description: string;
  protocol: string;
  fromPort: number;
  toPort: number;
  self?: boolean;
  cidrBlocks?: string[];
}

/**
 * Nodes talk freely to each other (the group itself) and nothing else reaches them; they reach out only on
 * the Databricks ports. No rule opens ingress from any address.
 */
export function workspaceSecurityGroupRules(): { ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] } {
  const withinGroup = (protocol: "tcp" | "udp"): SecurityGroupRule => ({
    description: `Cluster nodes to each other (${protocol})`,
    protocol,
    fromPort: 0,
    toPort: 65535,
    self: true,
  });
  const egress = WORKSPACE_EGRESS_PORTS.map((port): SecurityGroupRule => {
    const [fromPort, toPort] = typeof port === "number" ? [port, port] : port;
    return {
      description: `Databricks control plane and AWS services (${fromPort === toPort ? fromPort : `${fromPort}-${toPort}`})`,
      protocol: "tcp",
      fromPort,
      toPort,
      cidrBlocks: ["0.0.0.0/0"],
    };
  });
  return { ingress: [withinGroup("tcp"), withinGroup("udp")], egress: [withinGroup("tcp"), withinGroup("udp"), ...egress] };
}
