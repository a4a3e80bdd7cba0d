import { existsSync } from 'fs';
import { loadConfig, loadOrDetectFacts } from '../../app/inputs';
import { HostTarget, selectHost } from '../../core/config/targets';
import { ValidConfig } from '../../core/config/validate';
import { diagnose } from '../../core/doctor/diagnose';
import { describeReport, doctorExitCode } from '../../core/doctor/finding';
import { netmonSocketOf } from '../../core/doctor/machine-checks';
import { parentsInUse } from '../../core/doctor/parents';
import { MachinePlaces, observeMachine } from '../../host/doctor/machine';
import { NetmonProbe } from '../../host/doctor/netmon';
import { checkNetmon } from '../../../watcher/netmon/health-check';
import { Values } from '../options';

/** Where `edgenet doctor` reads this machine and writes its answer; tests give fixture trees and capture the output. */
export interface DoctorMachine extends MachinePlaces {
  readonly netmonProbe?: NetmonProbe;
  readonly write?: (text: string) => void;
}

/** The config file the other commands default to; doctor runs without one when it is not there, on the default interface. */
const DEFAULT_CONFIG_FILE = 'edgenet.yaml';

function configFileOf(values: Values, env: NodeJS.ProcessEnv): string | undefined {
  return values.config ?? (env.EDGENET_CONFIG || undefined) ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
}

/**
 * `edgenet doctor`: the traps macvlan users fall into, checked on this machine for the LAN
 * parents the config uses (without a config, the facts' default interface). One line per
 * check, or `--json`; exit 0 when nothing blocks, 1 otherwise.
 */
export async function doctorCommand(values: Values, machine: DoctorMachine = {}): Promise<number> {
  const env = machine.env ?? process.env;
  const configFile = configFileOf(values, env);
  const config: ValidConfig | undefined = configFile === undefined ? undefined : await loadConfig(configFile);
  const host: HostTarget | undefined = config === undefined ? undefined : selectHost(config.hosts, values.host);
  const facts = await loadOrDetectFacts(values.facts ?? (env.EDGENET_FACTS || undefined), env);
  const parents = parentsInUse(facts, config, host);
  const observed = await observeMachine(
    {
      links: parents.parents.map((p) => p.iface),
      connection: host?.connection ?? {},
      netmonSocket: values.socket ?? netmonSocketOf(config?.netmon?.socketDir),
      netmonProbe: machine.netmonProbe ?? ((socket) => checkNetmon(socket)),
      ...(facts.kernel !== undefined ? { kernel: facts.kernel } : {}),
    },
    { ...machine, env },
  );
  const report = diagnose({ parents, hasConfig: config !== undefined, facts, ...observed });
  const write = machine.write ?? ((text: string) => process.stdout.write(text));
  write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeReport(report)}\n`);
  return doctorExitCode(report);
}
