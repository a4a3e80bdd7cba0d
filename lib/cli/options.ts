/** The `edgenet` command line: its options, parsed globally, and the usage text. */

export const USAGE = `usage: edgenet <command> [options]

  init     --from-agent FILE [--docker-host URL] [--out FILE] [--image REF]
                                                                        a config from the reference agent's runtime_vnics.json
                                                                        (with --docker-host: as its engine runs them)
  facts    [--json] [--proc-root DIR] [--docker-host URL] [--out FILE]   host facts, of this host or of an ssh:// engine's
  validate --config FILE [--facts FILE] [--host NAME]                    check a config (and facts)
  synth    [--config FILE] [--facts FILE] [--out DIR] [--host NAME]      write DIR/stacks/<stack>/cdk.tf.json per host
  plan     [--config FILE] [--facts FILE] [--out DIR] [--host NAME]      synth, then show the engine's plan
  apply    [... as plan] [--auto-approve]                                synth, show the plan, ask, apply it
  destroy  [... as plan] [--auto-approve]                                show what would go, ask, destroy it
  adopt    --config FILE [... as plan] [--auto-approve] [--allow-restart RUNTIME]...
                                                                        take over what already runs, importing it into the state
  drift    [--json] [... as plan]                                        exit 0 clean, 2 drift (any host), 1 error
  status   [--json] [... as plan]                                        each vNIC's address and MAC now: static, auto, or lease until T
  doctor   [--config FILE] [--facts FILE] [--host NAME] [--socket PATH] [--json]
                                                                        the traps macvlan users fall into; exit 0 nothing blocks, 1 otherwise
  netmon   [--socket PATH] [--debounce S] [--settle S] [--group G] [--ignore P,P]
                                                                        serve interface changes (JSON lines): a complete change
                                                                        once quiet for the settle (0.25), any once quiet for the debounce (3)
  netmon   --check [--socket PATH]                                     exit 0 when a netmon answers there
  watch    [--socket PATH] [--config FILE] [--out DIR] [--once]          reconcile on netmon's subnet changes
           [--host NAME] [--settle S] [--step-timeout S] [--retry-max S] [--status FILE] [--vnics FILE] [--full-refresh]
           [--resync S] [--metrics-file FILE]                          drift check every S seconds (default 300, 0 off)
           [--engine-nice N]                                           CPU niceness of terraform's runs (default 10, 0-19)

--config defaults to $EDGENET_CONFIG, else edgenet.yaml; --facts to $EDGENET_FACTS, else each host's own
(facts: FILE in the config, else detected where its engine runs: here, or over ssh for ssh://). NETWORK_INTERFACE,
NETWORK_SUBNET and NETWORK_GATEWAY override them, all three together.
--host selects one of the config's hosts; without it, plan, apply, destroy and drift act on every host.
apply and destroy ask on a terminal; without one they refuse unless --auto-approve is given.
The Docker engine is the config's docker_host, else $DOCKER_HOST, else unix:///var/run/docker.sock.
The engine is $TERRAFORM_BINARY_NAME, else terraform, else tofu on PATH.`;

export const OPTIONS = {
  config: { type: 'string' },
  facts: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'proc-root': { type: 'string' },
  'docker-host': { type: 'string' },
  socket: { type: 'string' },
  check: { type: 'boolean' },
  debounce: { type: 'string' },
  group: { type: 'string' },
  ignore: { type: 'string' },
  once: { type: 'boolean' },
  settle: { type: 'string' },
  'step-timeout': { type: 'string' },
  'retry-max': { type: 'string' },
  status: { type: 'string' },
  vnics: { type: 'string' },
  'full-refresh': { type: 'boolean' },
  host: { type: 'string' },
  resync: { type: 'string' },
  'metrics-file': { type: 'string' },
  'engine-nice': { type: 'string' },
  'auto-approve': { type: 'boolean' },
  'allow-restart': { type: 'string', multiple: true },
  'from-agent': { type: 'string' },
  image: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionValue<O> = O extends { multiple: true } ? string[] : O extends { type: 'boolean' } ? boolean : string;
export type Values = { [K in keyof typeof OPTIONS]?: OptionValue<(typeof OPTIONS)[K]> };

/** `--config`, else $EDGENET_CONFIG, else edgenet.yaml (the same rule as main.ts). */
export function configPath(values: Values): string {
  return values.config ?? process.env.EDGENET_CONFIG ?? 'edgenet.yaml';
}

/** Progress of long steps, on stderr so stdout stays the answer. */
export const progress = (message: string): void => {
  process.stderr.write(`edgenet: ${message}\n`);
};
