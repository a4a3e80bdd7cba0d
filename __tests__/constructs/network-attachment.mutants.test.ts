import { Testing, TerraformStack } from 'cdktf';
import { EdgenetProvider } from '../../constructs/edgenet-provider';
import { NetworkAttachment } from '../../constructs/network-attachment';
import { ip, problemsOf } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new EdgenetProvider(s, 'edgenet');
  return s;
}

describe('NetworkAttachment', () => {
  test('fails when an address given with a host index is refused without saying only one of them is allowed', () => {
    expect(
      problemsOf(
        () => new NetworkAttachment(stack(), 'a', { containerId: 'c', networkId: 'n', ipv4Address: ip('10.0.0.5'), ipv4HostIndex: 2 }),
      ),
    ).toEqual(['test/a.ipv4HostIndex: is given together with ipv4Address, got 2; expected one of ipv4Address or ipv4HostIndex']);
  });

  test('fails when a zero host index is refused without saying what a host index is', () => {
    expect(problemsOf(() => new NetworkAttachment(stack(), 'a', { containerId: 'c', networkId: 'n', ipv4HostIndex: 0 }))).toEqual([
      'test/a.ipv4HostIndex: is not a host index, got 0; expected a non-zero integer (negative counts from the top)',
    ]);
  });
});
