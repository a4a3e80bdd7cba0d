import { stateLockMessage } from '../../../lib/host/engine/state-lock';

const terraformLockError = `
Error: Error acquiring the state lock

Error message: pq: could not obtain lock on relation
Lock Info:
  ID:        9db590f1-b6fe-c5f2-2678-8804f089deba
  Path:
  Operation: OperationTypeApply
  Who:       root@ci-runner-3
  Version:   1.11.4
  Created:   2026-11-29 10:15:02.123 +0000 UTC
  Info:

Terraform acquires a state lock to protect the state from being written
by multiple users at the same time.`;

describe('stateLockMessage', () => {
  test('names who holds the lock, since when, and how to release a dead one', () => {
    expect(stateLockMessage(terraformLockError, 'site1', '/w/cdktf.out/stacks/site1')).toBe(
      'the state of site1 is locked by root@ci-runner-3 (OperationTypeApply, since 2026-11-29 10:15:02.123 +0000 UTC), lock ID 9db590f1-b6fe-c5f2-2678-8804f089deba: ' +
        'another edgenet or terraform run holds it; wait for it to finish, or if it died, run `terraform force-unlock 9db590f1-b6fe-c5f2-2678-8804f089deba` in /w/cdktf.out/stacks/site1',
    );
  });

  test('says what the backend said when it names no holder', () => {
    const message = stateLockMessage(
      'Error: Error acquiring the state lock\n\nError message: Already locked for workspace creation: default\n',
      'edge',
      '/d',
    );
    expect(message).toContain('the state of edge is locked by another run (Already locked for workspace creation: default)');
  });

  test('is silent for every other failure', () => {
    expect(stateLockMessage('Error: Invalid reference', 'edge', '/d')).toBeUndefined();
    expect(stateLockMessage('Releasing state lock. This may take a few moments...', 'edge', '/d')).toBeUndefined();
  });
});
