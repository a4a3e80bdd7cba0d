import { readFileSync } from 'fs';
import * as path from 'path';
import { configJsonSchema, EdgeConfigSchema } from '../../../lib/core/config/schema';
import { ROOT } from '../../paths';

describe('schema/edgenet.schema.json', () => {
  test('fails when the committed editor schema is not what the config schema generates (run `npm run schema`)', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'edgenet.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });

  test('every mapping refuses unknown fields, for editors as for the validator', () => {
    const schema = configJsonSchema() as any;
    const objects = [schema, ...Object.values<any>(schema.$defs)].filter((node) => node.type === 'object' && node.properties);
    expect(objects.length).toBeGreaterThanOrEqual(6);
    for (const node of objects) expect(node.additionalProperties).toBe(false);
  });

  test('the example config is valid under the same schema', () => {
    const yaml = require('yaml');
    const example = yaml.parse(readFileSync(path.join(ROOT, 'examples', 'edge.yaml'), 'utf8'));
    expect(EdgeConfigSchema.safeParse(example).success).toBe(true);
  });
});
