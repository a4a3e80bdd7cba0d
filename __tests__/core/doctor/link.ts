import { LinkObservation } from '../../../lib/core/doctor/observations';

/** A link as sysfs shows a healthy NIC-less one (a veth): up, nobody's port, wired; `extra` changes it. */
export function link(extra: Partial<LinkObservation> = {}): LinkObservation {
  return {
    name: 'eth0',
    exists: true,
    operstate: 'up',
    adminUp: true,
    carrier: true,
    bondPort: false,
    wireless: false,
    lower: [],
    ...extra,
  };
}
