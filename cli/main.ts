import { parseArgs } from 'util';
import { detectDrift, formatDriftTable } from '../lib/drift';
import { healingReplacements } from '../lib/heal';
import { EdgenetError, EngineError } from '../lib/errors';
import { detectFacts } from '../lib/facts/detect';
import { saveFacts } from '../lib/facts/file';
import { HostFacts } from '../lib/facts/types';
import { loadConfig, loadOrDetectFacts } from '../lib/inputs';
import { resolveModel } from '../lib/model';
import { DEFAULT_OUTDIR, stackDir, stateFile, synthesize } from '../lib/synth';
import { Engine } from '../lib/terraform';
import { engineEnv } from '../lib/engine-env';
import { netmonCommand } from './netmon-command';
import { watchCommand } from './watch-command';

const USAGE = `usage: edgenet <command> [options]

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
The engine is $TERRAFORM_BINARY_NAME, else terraform, else tofu on PATH, else the OpenTofu
that scripts/testbed.sh tools built.`;

const OPTIONS = {
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

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const progress = (message: string) => process.stderr.write(`edgenet: ${message}\n`);

function configPath(values: Values): string {
  return values.config ?? process.env.EDGENET_CONFIG ?? 'edgenet.yaml';
}

async function synthStack(values: Values) {
  const config = await loadConfig(configPath(values));
  const facts = await loadOrDetectFacts(values.facts ?? process.env.EDGENET_FACTS);
  const outdir = values.out ?? DEFAULT_OUTDIR;
  const file = synthesize(config, facts, outdir);
  return { config, facts, file, dir: stackDir(outdir, config.stack), state: stateFile(outdir, config.stack) };
}

function describeFacts(facts: HostFacts): string {
  const lines = [`source ${facts.source}, detected ${facts.detected_at}, default interface ${facts.default_interface ?? '(none)'}`];
  for (const i of facts.interfaces) {
    const addrs = i.ipv4.map((a) => `${a.address ?? '?'} in ${a.subnet}`).join(', ') || 'no IPv4';
    lines.push(`  ${i.name.padEnd(12)} ${i.operstate.padEnd(8)} ${addrs}; gateway ${i.gateway ?? '(none)'}`);
  }
  return lines.join('\n');
}

async function run(command: string | undefined, values: Values): Promise<number> {
  switch (command) {
    case 'facts': {
      const facts = await detectFacts({ procRoot: values['proc-root'], dockerHost: values['docker-host'] });
      if (values.out) await saveFacts(values.out, facts);
      process.stdout.write(values.json ? `${JSON.stringify(facts, null, 2)}\n` : `${describeFacts(facts)}\n`);
      return 0;
    }
    case 'validate': {
      if (!values.config) throw new EdgenetError('validate: --config FILE is required');
      const config = await loadConfig(values.config);
      const factsFile = values.facts ?? process.env.EDGENET_FACTS;
      if (factsFile) resolveModel(config, await loadOrDetectFacts(factsFile));
      process.stdout.write(`${values.config}: valid${factsFile ? ` against ${factsFile}` : ' (config only; pass --facts to check against host facts)'}\n`);
      return 0;
    }
    case 'synth': {
      const { file } = await synthStack(values);
      process.stdout.write(`${file}\n`);
      return 0;
    }
    case 'plan':
    case 'apply':
    case 'destroy': {
      const { dir, file, config, state } = await synthStack(values);
      const engine = new Engine({ cwd: dir, env: engineEnv(), progress });
      await engine.init();
      if (command === 'destroy') {
        process.stdout.write(`${await engine.destroy()}\n`);
        return 0;
      }
      const replace = await healingReplacements(state, file, config.dockerHost, progress);
      const extra = replace.map((address) => `-replace=${address}`);
      if (command === 'plan') {
        const { output } = await engine.plan(extra);
        process.stdout.write(`${output}\n`);
      } else {
        process.stdout.write(`${await engine.apply(extra)}\n`);
      }
      return 0;
    }
    case 'drift': {
      const { dir, config } = await synthStack(values);
      const engine = new Engine({ cwd: dir, env: engineEnv(), progress });
      const report = await detectDrift(engine, dir, config.dockerHost);
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDriftTable(report)}\n`);
      return report.drifted ? 2 : 0;
    }
    case 'netmon':
      return netmonCommand(values);
    case 'watch':
      return watchCommand({ ...values, config: configPath(values) });
    default:
      process.stderr.write(`${command ? `edgenet: unknown command ${JSON.stringify(command)}\n` : ''}${USAGE}\n`);
      return command ? 1 : 0;
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`edgenet: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await run(parsed.positionals[0], parsed.values as Values);
  } catch (err) {
    if (err instanceof EngineError) {
      process.stderr.write(`edgenet: ${err.message}\n${err.output.split('\n').slice(-40).join('\n')}\n`);
      return 1;
    }
    if (err instanceof EdgenetError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
