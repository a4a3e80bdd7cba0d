import { DockerConnection } from '../../core/config/targets';
import { DoctorObservations } from '../../core/doctor/diagnose';
import { KernelFact } from '../../core/facts/types';
import { detectKernel, kernelPathsUnder } from '../facts/kernel-modules';
import { observeEngine } from './engine';
import { NetmonProbe, observeNetmon } from './netmon';
import { observeProviders, ProviderPlaces } from './providers';
import { observeLinks } from './sysfs';

/** Where a doctor run reads the machine; tests point it at a fixture tree. */
export interface MachinePlaces extends ProviderPlaces {
  /** The directory holding the machine's sys/, proc/, lib/ and boot/. @default '/' */
  readonly root?: string;
  /** How long the engine may take to answer. @default - ENGINE_TIMEOUT_MS */
  readonly engineTimeoutMs?: number;
}

/** What to look at: the parents' links, the engine, the netmon socket. */
export interface MachineRequest {
  readonly links: readonly string[];
  readonly connection: Partial<DockerConnection>;
  readonly netmonSocket: string;
  readonly netmonProbe: NetmonProbe;
  /** The facts' kernel field; this machine's kernel is read only when they have none. */
  readonly kernel?: KernelFact;
}

export type MachineObservations = Omit<DoctorObservations, 'parents' | 'hasConfig' | 'facts'>;

/** Everything doctor reads of this machine, at once; nothing here throws for what it cannot read. */
export async function observeMachine(request: MachineRequest, places: MachinePlaces = {}): Promise<MachineObservations> {
  const root = places.root ?? '/';
  const env = places.env ?? process.env;
  const [sysfs, kernel, engine, netmon, providers] = await Promise.all([
    observeLinks(request.links, root),
    request.kernel ?? detectKernel(await kernelPathsUnder(root)),
    observeEngine(request.connection, env, places.engineTimeoutMs),
    observeNetmon(request.netmonSocket, request.netmonProbe),
    observeProviders({ ...places, env }),
  ]);
  return { sysfs, ...(kernel !== undefined ? { kernel } : {}), engine, netmon, providers };
}
