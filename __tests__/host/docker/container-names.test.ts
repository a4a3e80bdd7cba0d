import { containerNames } from '../../../lib/host/docker/container-names';

test("fails when the engine's leading slash is kept on a container name, or a listed name is dropped", () => {
  expect(containerNames([{ Names: ['/rt1'] }, { Names: ['/rt2', '/alias'] }, {}])).toEqual(['rt1', 'rt2', 'alias']);
});
