import { z } from 'zod';
import { EdgeConfigSchema, HostSchema, LanSchema, RuntimeSchema } from '../../lib/core/config/schema';
import { StateSchema } from '../../lib/core/config/state-schema';
import { validateConfig } from '../../lib/core/config/validate';
import { HostFactsSchema } from '../../lib/core/facts/schema';
import { closedObject, fieldsOf, issuesToProblems, schemaAt, unknownFieldMessage } from '../../lib/core/schema-issues';
import { problemsOf, runtime } from '../helpers';

const runtimes = [runtime('rt1')];

describe('unknownFieldMessage', () => {
  test('fails when a shortened name of three letters is not matched to the field it starts', () => {
    expect(unknownFieldMessage('ima', ['command', 'image_reference'])).toBe(
      'is not a known field, got "ima"; expected did you mean "image_reference"? one of command, image_reference',
    );
  });

  test('fails when a prefix of two letters is taken for a shortened name', () => {
    expect(unknownFieldMessage('im', ['command', 'image_reference'])).toBe(
      'is not a known field, got "im"; expected one of command, image_reference',
    );
  });

  test('fails when two near fields are not both offered, joined by "or"', () => {
    expect(unknownFieldMessage('gatway', ['gateway', 'parent_gateway', 'gateways'])).toBe(
      'is not a known field, got "gatway"; expected did you mean "gateway" or "gateways"? one of gateway, parent_gateway, gateways',
    );
  });
});

describe('schemaAt', () => {
  test('fails when a path through a mapping of names does not lead to the schema of its values', () => {
    expect(schemaAt(EdgeConfigSchema, ['hosts', 'site1'])).toBe(HostSchema);
    expect(schemaAt(EdgeConfigSchema, ['lans', 'eth0'])).toBe(LanSchema);
  });

  test('fails when a path through a list does not lead to the schema of its items', () => {
    expect(schemaAt(EdgeConfigSchema, ['runtimes', 0])).toBe(RuntimeSchema);
  });

  test('fails when a path through a field the schema does not have leads anywhere', () => {
    expect(schemaAt(EdgeConfigSchema, ['nope'])).toBeUndefined();
    expect(schemaAt(EdgeConfigSchema, ['nope', 'deeper', 0])).toBeUndefined();
  });

  test('fails when a path goes on through a schema that is not a mapping or a list, even one with a value type', () => {
    expect(schemaAt(EdgeConfigSchema, ['state', 'bucket'])).toBeUndefined();
    expect(schemaAt(z.map(z.string(), z.strictObject({ a: z.string() })), ['k'])).toBeUndefined();
  });

  test('fails when nullable, default and transformed (pipe) wrappers are not looked through', () => {
    // default_interface: nullable().default(null); ipv4: array().default([]) of a transformed object.
    const defaultInterface = schemaAt(HostFactsSchema, ['default_interface']);
    expect(defaultInterface?._zod.def.type).toBe('string');
    const ipv4 = schemaAt(HostFactsSchema, ['interfaces', 0, 'ipv4', 0]);
    expect(ipv4?._zod.def.type).toBe('object');
    expect(fieldsOf(ipv4)).toEqual(['address', 'prefixlen', 'subnet']);
    expect(schemaAt(z.strictObject({ a: z.strictObject({ b: z.string() }).nullable() }), ['a', 'b'])?._zod.def.type).toBe('string');
  });
});

describe('fieldsOf', () => {
  test('fails when a schema that is not an object or a union of objects is said to have fields', () => {
    expect(fieldsOf(undefined)).toEqual([]);
    expect(fieldsOf(undefined, { backend: 'pg' })).toEqual([]);
    expect(fieldsOf(z.string(), { a: 1 })).toEqual([]);
    expect(fieldsOf(z.string())).toEqual([]);
  });

  test("fails when a union's fields are guessed without a mapping to choose the option by", () => {
    expect(fieldsOf(StateSchema)).toEqual([]);
    expect(fieldsOf(StateSchema, null)).toEqual([]);
    expect(fieldsOf(StateSchema, 'pg')).toEqual([]);
    expect(fieldsOf(StateSchema, { backend: 'consul' })).toEqual([]);
  });

  test('fails when the option chosen is not the one whose literals the value carries, or one without literals is chosen', () => {
    const union = z.union([
      z.strictObject({ plain: z.string() }),
      z.strictObject({ kind: z.literal('disk'), version: z.literal(1), path: z.string() }),
      z.strictObject({ kind: z.literal('disk'), version: z.literal(2), device: z.string() }),
    ]);
    expect(fieldsOf(union, { kind: 'disk', version: 2 })).toEqual(['kind', 'version', 'device']);
    expect(fieldsOf(union, { plain: 'x' })).toEqual([]);
  });
});

describe('issuesToProblems', () => {
  test("fails when a refused host or profile name is not reported with its own rule's message", () => {
    expect(problemsOf(() => validateConfig({ runtimes, hosts: { 'site 1': {} }, profiles: { '': {} } }))).toEqual([
      '$.hosts.site 1: is not valid, got "site 1"; expected a name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/',
      '$.profiles[""]: is not valid, got ""; expected a profile name',
    ]);
  });

  test('fails when an invalid key without issues of its own is not reported with the issue’s message', () => {
    const issue = { code: 'invalid_key', origin: 'record', issues: [], input: 'k', path: ['k'], message: 'Invalid key in record' } as const;
    expect(issuesToProblems(z.record(z.string(), z.string()), [issue as unknown as z.core.$ZodIssue])).toEqual([
      { path: '$.k', message: 'Invalid key in record' },
    ]);
  });

  test('fails when an unknown field of a host does not list the fields a host may have', () => {
    expect(problemsOf(() => validateConfig({ runtimes, hosts: { a: { dockr_host: 'ssh://edge@a' } } }))).toEqual([
      '$.hosts.a.dockr_host: is not a known field, got "dockr_host"; expected did you mean "docker_host"? one of docker_host, docker_cert_path, ssh_opts, state, facts, runtimes',
    ]);
  });
});

describe('closedObject', () => {
  const closed = closedObject({ a: z.string() }, () => 'is not one of ours');

  test("fails when a value of another type does not get the caller's message", () => {
    expect(closed.safeParse(5).error?.issues.map((i) => i.message)).toEqual(['is not one of ours']);
  });

  test("fails when an unknown field is reported with the caller's not-an-object message (its own is written from the schema)", () => {
    const issues = closed.safeParse({ a: 'x', b: 1 }).error?.issues ?? [];
    expect(issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
    expect(issues[0].message).not.toBe('is not one of ours');
  });
});
