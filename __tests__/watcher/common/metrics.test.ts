import { EMPTY_METRICS, prometheusText } from '../../../watcher/common/metrics';

describe('prometheusText', () => {
  test('writes HELP, TYPE and one sample per known value, with escaped labels', () => {
    const text = prometheusText({ ...EMPTY_METRICS, applyFailuresTotal: 3, netmonConnected: true }, { stack: 'a"b\\c' });
    expect(text).toContain(
      '# HELP edgenet_watch_apply_failures_total Reconciles that failed.\n# TYPE edgenet_watch_apply_failures_total counter\n',
    );
    expect(text).toContain('edgenet_watch_apply_failures_total{stack="a\\"b\\\\c"} 3\n');
    expect(text).toContain('edgenet_watch_netmon_connected{stack="a\\"b\\\\c"} 1\n');
  });

  test('leaves out what is not known yet (no apply so far)', () => {
    expect(prometheusText(EMPTY_METRICS, { stack: 'edge' })).not.toContain('edgenet_watch_last_apply_timestamp_seconds');
  });
});
