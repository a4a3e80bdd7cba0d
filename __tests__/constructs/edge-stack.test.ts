import { Testing, TerraformStack } from 'cdktf';
import { EdgeStack } from '../../constructs/edge-stack';
import { lanFacts, movedFacts, model, runtime } from '../helpers';

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('EdgeStack', () => {
  const example = () =>
    model([
      runtime('rt1', {
        ports: [{ internal: 8443 }],
        vnics: [{ name: 'lan', network_mode: 'static', ip: '192.168.1.50', dns: ['192.168.1.1'] }],
      }),
      runtime('rt2', { vnics: [{ name: 'lan' }] }),
      runtime('worker', { isolated: true }),
    ]);

  test('composes one shared macvlan network, an internal network per runtime and the containers', () => {
    const s = new EdgeStack(Testing.app(), 'edge', { model: example() });
    const json = synthJson(s);
    const names = Object.values<any>(json.resource.docker_network)
      .map((n) => n.name)
      .sort();
    expect(names).toEqual(['macvlan_eth0_192.168.1.0_24', 'rt1_internal', 'rt1_publish', 'rt2_internal', 'worker_internal']);
    expect(Object.keys(json.resource.docker_container)).toHaveLength(3);
    expect(json.terraform.required_providers.docker.version).toBe('4.6.0');
    expect(json.terraform.backend.local.path).toBe('../../../terraform.edge.tfstate');
  });

  test('passes the engine connection as written to both providers: a Terraform template in it is escaped', () => {
    const valid = model([runtime('rt1')], lanFacts(), { docker_host: 'ssh://edge@${var.host}', ssh_opts: ['-o', 'ProxyCommand=%{x}'] });
    const json = synthJson(new EdgeStack(Testing.app(), 'edge', { model: valid }));
    for (const provider of [json.provider.docker[0], json.provider.edgenet[0]]) {
      expect(provider).toMatchObject({ host: 'ssh://edge@$${var.host}', ssh_opts: ['-o', 'ProxyCommand=%%{x}'] });
    }
  });

  test('construct ids are stable Terraform addresses; a host move keeps the macvlan address', () => {
    const moved = movedFacts();
    const runtimes = [runtime('rt2', { vnics: [{ name: 'lan' }] })];
    const a = synthJson(new EdgeStack(Testing.app(), 'edge', { model: model(runtimes) }));
    const b = synthJson(new EdgeStack(Testing.app(), 'edge', { model: model(runtimes, moved) }));
    expect(Object.keys(a.resource.docker_network)).toEqual(Object.keys(b.resource.docker_network));
    expect(Object.keys(a.resource.docker_container)).toEqual(['Runtimes_rt2_Container_5968EBDA']);
  });
});
