/** The `edgenet` command line: its options, parsed globally, and the usage text. */

export const USAGE = `usage: edgenet <command> [options]

  facts    [--json] [--proc-root DIR] [--docker-host URL] [--out FILE]   detected host facts
  validate --config FILE [--facts FILE]                                  check a config (and facts)
  synth    [--config FILE] [--facts FILE] [--out DIR]                    write DIR/stacks/<stack>/cdk.tf.json
  plan     [--config FILE] [--facts FILE] [--out DIR]                    synth, then show the engine's plan
  apply    [--config FILE] [--facts FILE] [--out DIR]                    synth, then apply
  destroy  [--config FILE] [--facts FILE] [--out DIR]                    destroy everything in the stack
  drift    [--json] [--config FILE] [--facts FILE] [--out DIR]           exit 0 clean, 2 drift, 1 error
  netmon   [--socket PATH] [--debounce S] [--group G] [--ignore P,P]   serve interface changes (JSON lines)
  netmon   --check [--socket PATH]                                     exit 0 when a netmon answers there
  watch    [--socket PATH] [--config FILE] [--out DIR] [--once]          reconcile on netmon's subnet changes
           [--settle S] [--step-timeout S] [--retry-max S] [--status FILE] [--vnics FILE] [--full-refresh]

--config defaults to $EDGENET_CONFIG, else edgenet.yaml; --facts to $EDGENET_FACTS, else this host's
detected facts (NETWORK_INTERFACE, NETWORK_SUBNET, NETWORK_GATEWAY override them, all three together).
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
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** `--config`, else $EDGENET_CONFIG, else edgenet.yaml (the same rule as main.ts). */
export function configPath(values: Values): string {
  return values.config ?? process.env.EDGENET_CONFIG ?? 'edgenet.yaml';
}

/** Progress of long steps, on stderr so stdout stays the answer. */
export const progress = (message: string): void => {
  process.stderr.write(`edgenet: ${message}\n`);
};
