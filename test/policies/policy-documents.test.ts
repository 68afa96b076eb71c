import { actionBreadth, actionMatches } from "../../policies/lib/policy-documents/actions";
import { documentsOf } from "../../policies/lib/policy-documents/carriers";
import { parseOperator, pinsExactly } from "../../policies/lib/policy-documents/conditions";
import { parsePolicyDocument, repeatsKey, type Statement } from "../../policies/lib/policy-documents/grammar";
import { accountOfArnPattern, accountOfAwsPrincipal, canonicalAwsPrincipal } from "../../policies/lib/policy-documents/principals";

const statementsOf = (document: unknown): Statement[] => {
  const parsed = parsePolicyDocument(document);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.statements;
};
const problemOf = (document: unknown): string => {
  const parsed = parsePolicyDocument(document);
  return parsed.ok ? "parsed" : parsed.problem;
};

describe("the policy document grammar", () => {
  test("one statement object and a list parse alike, from JSON text or an object", () => {
    const statement = { Sid: "S", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    const expected: Statement[] = [
      {
        label: "statement S",
        effect: "Allow",
        principal: [{ kind: "AWS", value: "arn:aws:iam::123456789012:root" }],
        notPrincipal: undefined,
        action: ["s3:GetObject"],
        notAction: undefined,
        resource: ["arn:aws:s3:::b/*"],
        notResource: undefined,
        conditions: [],
      },
    ];
    expect(statementsOf({ Version: "2012-10-17", Statement: statement })).toEqual(expected);
    expect(statementsOf(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }))).toEqual(expected);
  });

  test("every principal form is split into entries; AWS \"*\" is everyone", () => {
    const [s] = statementsOf({
      Statement: { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: ["1", "*"], Service: "ec2.amazonaws.com", Federated: "f", CanonicalUser: "c" } },
    });
    expect(s.principal).toEqual([
      { kind: "AWS", value: "1" },
      { kind: "*", value: "*" },
      { kind: "Service", value: "ec2.amazonaws.com" },
      { kind: "Federated", value: "f" },
      { kind: "CanonicalUser", value: "c" },
    ]);
    expect(statementsOf({ Statement: { Effect: "Deny", Action: "*", NotPrincipal: "*" } })[0].notPrincipal).toEqual([{ kind: "*", value: "*" }]);
  });

  test("conditions are split into clauses with their operator taken apart and keys lower-cased", () => {
    const [s] = statementsOf({
      Statement: {
        Effect: "Allow",
        Action: "s3:GetObject",
        Principal: "*",
        Condition: { "ForAnyValue:StringLikeIfExists": { "aws:PrincipalOrgPaths": ["o-1/*"] }, Bool: { "aws:SecureTransport": true } },
      },
    });
    expect(s.conditions).toEqual([
      { operator: { name: "ForAnyValue:StringLikeIfExists", base: "StringLike", qualifier: "ForAnyValue", ifExists: true }, key: "aws:principalorgpaths", values: ["o-1/*"] },
      { operator: { name: "Bool", base: "Bool", qualifier: undefined, ifExists: false }, key: "aws:securetransport", values: ["true"] },
    ]);
  });

  test("a document AWS rejects is not guessed at: each problem is named, no value is echoed", () => {
    const allow = { Effect: "Allow", Action: "s3:GetObject", Principal: "*" };
    expect(problemOf("{not json")).toBe("it is not valid JSON");
    expect(problemOf("")).toBe("it is not valid JSON");
    expect(problemOf("[]")).toBe("it is not a JSON object");
    expect(problemOf({ Version: "2012-10-17" })).toBe("it has no Statement");
    expect(problemOf({ Version: "2024-01-01", Statement: allow })).toBe("its Version is not one IAM defines (2012-10-17 or 2008-10-17)");
    expect(problemOf({ statement: [allow] })).toBe("it has the key(s) 'statement'; IAM knows only Version, Id and Statement");
    expect(problemOf({ Statement: { ...allow, Effect: "allow" } })).toBe('statement #1 has no Effect "Allow" or "Deny" (case-sensitive)');
    const { Effect: _effect, ...lower } = allow;
    expect(problemOf({ Statement: { ...lower, effect: "Allow" } })).toBe(
      "statement #1 has the key(s) 'effect'; IAM knows only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition (case-sensitive)",
    );
    expect(problemOf({ Statement: { ...allow, notAction: "s3:DeleteObject" } })).toMatch(/^statement #1 has the key\(s\) 'notAction'/);
    expect(problemOf({ Statement: { ...allow, NotAction: "s3:DeleteObject" } })).toBe("statement #1 sets both Action and NotAction");
    expect(problemOf({ Statement: { Sid: "S", Effect: "Allow", Principal: "*" } })).toBe("statement S has no Action or NotAction");
    expect(problemOf({ Statement: { ...allow, Action: [] } })).toBe("statement #1 Action is an empty list");
    expect(problemOf({ Statement: { ...allow, Resource: [""] } })).toBe("statement #1 Resource must be a non-empty string or a list of them");
    expect(problemOf({ Statement: { ...allow, Principal: { aws: "1" } } })).toBe(
      "statement #1 Principal has the key 'aws'; IAM knows only AWS, Service, Federated and CanonicalUser (case-sensitive)",
    );
    expect(problemOf({ Statement: { ...allow, Principal: {} } })).toBe("statement #1 Principal names no principal");
    expect(problemOf({ Statement: { ...allow, Principal: "everyone" } })).toBe('statement #1 Principal must be "*" or an object of AWS, Service, Federated or CanonicalUser');
    expect(problemOf({ Statement: { ...allow, Condition: { stringEquals: { k: "v" } } } })).toBe("statement #1 Condition uses the operator 'stringEquals', which IAM does not define");
    expect(problemOf({ Statement: { ...allow, Condition: { StringEquals: { k: { nested: 1 } } } } })).toBe(
      "statement #1 Condition.StringEquals.k must be a string, number or boolean, or a list of them",
    );
    expect(problemOf({ Statement: [allow, "Deny"] })).toBe("statement #2 is not an object");
    // A repeated key: JSON.parse keeps the last, another reader the first.
    const repeated = '{"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*", "Principal": "*"}}';
    expect(problemOf(repeated)).toBe("it repeats a key within one object, which readers resolve differently");
    expect(problemOf('{"Statement": [{"Effect": "Deny", "Action": "*", "Sid": "a\\"b"}, {"Effect": "Deny", "Action": "*", "Sid": "x:"}]}')).toBe("parsed");
    expect(repeatsKey('{"a": {"b": 1}, "c": [{"b": 2}, {"b": 3}], "d": "b"}')).toBe(false);
    expect(repeatsKey('{"a": {"b": 1, "b": 2}}')).toBe(true);
    expect(repeatsKey('{"a\\u0062": 1, "ab": 2}')).toBe(true);
  });
});

describe("condition operators", () => {
  test("qualifiers and IfExists are taken apart; unknown operators are refused", () => {
    expect(parseOperator("ForAllValues:ArnLikeIfExists")).toEqual({ name: "ForAllValues:ArnLikeIfExists", base: "ArnLike", qualifier: "ForAllValues", ifExists: true });
    expect(parseOperator("StringEqualsIgnoreCase")).toEqual({ name: "StringEqualsIgnoreCase", base: "StringEqualsIgnoreCase", qualifier: undefined, ifExists: false });
    expect(parseOperator("NullIfExists")).toBeUndefined();
    expect(parseOperator("StringEqual")).toBeUndefined();
    expect(parseOperator("ForSomeValues:StringEquals")).toBeUndefined();
  });

  test("only StringEquals and ArnEquals without IfExists or a qualifier pin a value exactly", () => {
    const pins = (name: string) => pinsExactly(parseOperator(name)!);
    expect(["StringEquals", "ArnEquals"].map(pins)).toEqual([true, true]);
    expect(["StringEqualsIfExists", "ForAnyValue:StringEquals", "ForAllValues:StringEquals", "StringLike", "StringEqualsIgnoreCase"].map(pins)).toEqual([false, false, false, false, false]);
  });
});

describe("action patterns", () => {
  test("wildcards match without case", () => {
    expect(actionMatches("s3:Get*", "s3:GetObject")).toBe(true);
    expect(actionMatches("S3:GET*", "s3:getobject")).toBe(true);
    expect(actionMatches("sts:Assume?ole", "sts:AssumeRole")).toBe(true);
    expect(actionMatches("*", "kms:Decrypt")).toBe(true);
    expect(actionMatches("s3:Get*", "s3:PutObject")).toBe(false);
    expect(actionMatches("s3:GetObject", "s3:GetObjectAcl")).toBe(false);
    expect(actionMatches("s3:Get.bject", "s3:GetObject")).toBe(false);
  });

  test("breadth: every service, a whole service, an action family, one action", () => {
    expect(["*", "*:*", "s3*:GetObject", "?3:GetObject", "GetObject"].map((p) => actionBreadth(p).breadth)).toEqual(Array(5).fill("every-service"));
    expect(actionBreadth("S3:*")).toEqual({ service: "s3", breadth: "whole-service" });
    expect(actionBreadth("kms:**")).toEqual({ service: "kms", breadth: "whole-service" });
    expect(actionBreadth("s3:Get*")).toEqual({ service: "s3", breadth: "action-family" });
    expect(actionBreadth("dynamodb:*Item")).toEqual({ service: "dynamodb", breadth: "action-family" });
    expect(actionBreadth("kms:Decrypt")).toEqual({ service: "kms", breadth: "single" });
  });
});

describe("principals", () => {
  test("a bare account id is that account's root; an ARN names its account; a wildcard names none", () => {
    expect(accountOfAwsPrincipal("123456789012")).toBe("123456789012");
    expect(canonicalAwsPrincipal("123456789012")).toBe("arn:aws:iam::123456789012:root");
    expect(accountOfAwsPrincipal("arn:aws:iam::123456789012:role/r")).toBe("123456789012");
    expect(accountOfAwsPrincipal("arn:aws:sts::123456789012:assumed-role/r/s")).toBe("123456789012");
    expect(accountOfAwsPrincipal("arn:aws:iam::*:root")).toBeUndefined();
    expect(accountOfAwsPrincipal("arn:aws:iam::123456789012:role/*")).toBeUndefined();
    expect(accountOfAwsPrincipal("1234567890123")).toBeUndefined();
    expect(accountOfAwsPrincipal("arn:aws:s3:::bucket")).toBeUndefined();
    expect(accountOfArnPattern("arn:aws:iam::123456789012:role/*")).toBe("123456789012");
    expect(accountOfArnPattern("arn:aws:iam::12345678901?:role/r")).toBeUndefined();
  });
});

describe("the documents a resource carries", () => {
  test("a role's trust and inline policies; absent inputs are left out; other types carry none", () => {
    const docs = documentsOf("aws:iam/role:Role", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "a", policy: "{}" }, { name: "b" }] });
    expect(docs.map((d) => [d.path, d.kind, d.read()])).toEqual([
      ["assumeRolePolicy", "trust", "{}"],
      ["inlinePolicies[0].policy", "identity", "{}"],
    ]);
    expect(documentsOf("aws:kms/key:Key", {})).toEqual([]);
    expect(documentsOf("aws:ec2/vpc:Vpc", { policy: "{}" })).toEqual([]);
    expect(documentsOf("aws:s3/bucketPolicy:BucketPolicy", { policy: "{}" }).map((d) => d.kind)).toEqual(["bucket"]);
  });
});
