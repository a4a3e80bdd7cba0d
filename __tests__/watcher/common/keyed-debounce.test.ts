import { KeyedDebounce } from '../../../watcher/common/keyed-debounce';

describe('KeyedDebounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('50 touches in 2 s on one key fire once, delay after the last touch', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(3000, (key) => fired.push(key));
    for (let i = 0; i < 50; i += 1) {
      debounce.touch('eth0');
      jest.advanceTimersByTime(40);
    }
    jest.advanceTimersByTime(2999 - 40);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual(['eth0']);
    expect(debounce.pending).toBe(0);
  });

  test('lists the keys waiting, in the order first touched', () => {
    const debounce = new KeyedDebounce<string>(1000, () => undefined);
    debounce.touch('eth1');
    debounce.touch('eth0');
    debounce.touch('eth1');
    expect(debounce.pendingKeys()).toEqual(['eth1', 'eth0']);
    jest.advanceTimersByTime(1000);
    expect(debounce.pendingKeys()).toEqual([]);
  });

  test('keys do not delay each other', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(1000, (key) => fired.push(key));
    debounce.touch('eth0');
    jest.advanceTimersByTime(600);
    debounce.touch('eth1');
    jest.advanceTimersByTime(400);
    expect(fired).toEqual(['eth0']);
    jest.advanceTimersByTime(600);
    expect(fired).toEqual(['eth0', 'eth1']);
  });

  test('cancelAll drops pending keys', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(1000, (key) => fired.push(key));
    debounce.touch('eth0');
    debounce.cancelAll();
    jest.advanceTimersByTime(5000);
    expect(fired).toEqual([]);
  });

  test('cancel drops one key, the others still fire', () => {
    const fired: string[] = [];
    const debounce = new KeyedDebounce<string>(1000, (key) => fired.push(key));
    debounce.touch('eth0');
    debounce.touch('eth1');
    debounce.cancel('eth0');
    debounce.cancel('eth9');
    expect(debounce.pendingKeys()).toEqual(['eth1']);
    jest.advanceTimersByTime(5000);
    expect(fired).toEqual(['eth1']);
  });

  test('fails when the delay is negative', () => {
    expect(() => new KeyedDebounce(-1, () => undefined)).toThrow('KeyedDebounce: delayMs must be a number >= 0, got -1');
  });
});
