import { engineRules } from '../../lib/core/engine-rules';
import { MacAddress } from '../../lib/core/values';
import { macOnWire } from '../../lib/core/wire-mac';

const mac = (text: string) => MacAddress.parse(text) as MacAddress;
const declared = mac('02:00:00:00:00:01');
const chosen = '02:42:0a:4d:00:05';
const ENGINE_29 = engineRules('1.56');
const ENGINE_20_10 = engineRules('1.41');

describe('macOnWire', () => {
  test('fails when an engine that applies MACs on connect is not taken at its record, links or not', () => {
    expect(macOnWire(ENGINE_29, chosen, declared, undefined)?.toString()).toBe(chosen);
    expect(macOnWire(ENGINE_29, chosen, declared, [declared])?.toString()).toBe(chosen);
  });

  test("fails when an older engine's record (the MAC it chose) is believed over the links", () => {
    expect(macOnWire(ENGINE_20_10, chosen, declared, [mac(chosen), declared])?.toString()).toBe(declared.toString());
    expect(macOnWire(ENGINE_20_10, chosen, declared, [mac(chosen)])?.toString()).toBe(chosen);
  });

  test('fails when something is claimed that nothing tells: links not read, or no link with either MAC', () => {
    expect(macOnWire(ENGINE_20_10, chosen, declared, undefined)).toBeUndefined();
    expect(macOnWire(ENGINE_20_10, chosen, declared, [mac('02:00:00:00:be:ef')])).toBeUndefined();
    expect(macOnWire(ENGINE_20_10, undefined, undefined, [declared])).toBeUndefined();
  });
});
