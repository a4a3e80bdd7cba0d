import { readFileSync } from 'fs';
import * as path from 'path';
import { NETMON_KEYS, PORT_KEYS, RUNTIME_KEYS, SETTINGS_KEYS, TOP_LEVEL_KEYS, VNIC_KEYS } from '../lib/config/types';

/** The editor schema is hand-written; these checks keep it in step with the validator's fields. */
const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'schema', 'edgenet.schema.json'), 'utf8'));
const keys = (o: any) => Object.keys(o.properties).sort();

describe('schema/edgenet.schema.json', () => {
  test.each([
    ['top level', schema, TOP_LEVEL_KEYS],
    ['profile settings', schema.$defs.settings, SETTINGS_KEYS],
    ['runtime', schema.$defs.runtime, RUNTIME_KEYS],
    ['vnic', schema.$defs.vnic, VNIC_KEYS],
    ['port', schema.$defs.port, PORT_KEYS],
    ['netmon', schema.properties.netmon, NETMON_KEYS],
  ])('%s lists exactly the fields the validator accepts, and no others', (_name, node, allowed) => {
    expect(keys(node)).toEqual([...allowed].sort());
    expect(node.additionalProperties).toBe(false);
  });
});
