import { writeFileAtomic } from '../../lib/host/files/atomic-write';

/**
 * The watcher's numbers in Prometheus text format, for node_exporter's textfile collector
 * (`--collector.textfile.directory`; the file is replaced atomically, as it requires).
 */

export interface WatchMetrics {
  /** Unix time of the last successful apply. */
  readonly lastApplyTimestampSeconds?: number;
  readonly lastApplyDurationSeconds?: number;
  readonly applyFailuresTotal: number;
  readonly consecutiveFailures: number;
  readonly resyncsTotal: number;
  /** Resyncs that found the engine off the plan and healed it. */
  readonly driftFoundTotal: number;
  readonly strandedVnics: number;
  readonly netmonConnected: boolean;
}

export const EMPTY_METRICS: WatchMetrics = {
  applyFailuresTotal: 0,
  consecutiveFailures: 0,
  resyncsTotal: 0,
  driftFoundTotal: 0,
  strandedVnics: 0,
  netmonConnected: false,
};

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly value: number | undefined;
}

export function prometheusText(metrics: WatchMetrics, labels: Readonly<Record<string, string>>): string {
  const families: Family[] = [
    {
      name: 'edgenet_watch_last_apply_timestamp_seconds',
      help: 'Unix time of the last successful apply.',
      type: 'gauge',
      value: metrics.lastApplyTimestampSeconds,
    },
    {
      name: 'edgenet_watch_last_apply_duration_seconds',
      help: 'How long the last successful apply took.',
      type: 'gauge',
      value: metrics.lastApplyDurationSeconds,
    },
    { name: 'edgenet_watch_apply_failures_total', help: 'Reconciles that failed.', type: 'counter', value: metrics.applyFailuresTotal },
    {
      name: 'edgenet_watch_consecutive_failures',
      help: 'Failed reconciles since the last success.',
      type: 'gauge',
      value: metrics.consecutiveFailures,
    },
    { name: 'edgenet_watch_resyncs_total', help: 'Periodic drift checks run.', type: 'counter', value: metrics.resyncsTotal },
    {
      name: 'edgenet_watch_drift_found_total',
      help: 'Drift checks that found the engine off the plan and healed it.',
      type: 'counter',
      value: metrics.driftFoundTotal,
    },
    {
      name: 'edgenet_watch_stranded_vnics',
      help: 'Static vNICs detached because their address cannot live on the LAN now.',
      type: 'gauge',
      value: metrics.strandedVnics,
    },
    { name: 'edgenet_watch_netmon_connected', help: '1 while connected to netmon.', type: 'gauge', value: metrics.netmonConnected ? 1 : 0 },
  ];
  const labelText = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
  return families
    .filter((f) => f.value !== undefined)
    .map((f) => `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n${f.name}{${labelText}} ${f.value}\n`)
    .join('');
}

/** Keeps the metrics in memory and rewrites the file, in order, on every change. */
export class MetricsFile {
  private current: WatchMetrics = EMPTY_METRICS;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly labels: Readonly<Record<string, string>>,
  ) {}

  get value(): WatchMetrics {
    return this.current;
  }

  update(change: (current: WatchMetrics) => Partial<WatchMetrics>): Promise<void> {
    this.current = { ...this.current, ...change(this.current) };
    const text = prometheusText(this.current, this.labels);
    this.writing = this.writing.then(() => writeFileAtomic(this.file, text)).catch(() => undefined);
    return this.writing;
  }

  flushed(): Promise<void> {
    return this.writing;
  }
}
