import fc from 'fast-check';
import { LineSplitter } from '../../../watcher/common/line-splitter';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('LineSplitter', () => {
  test('gives complete lines in order and keeps the unfinished one for the next chunk', () => {
    const splitter = new LineSplitter(100);
    expect(splitter.push(bytes('{"a":1}\n{"b"'))).toEqual({ ok: true, lines: ['{"a":1}'] });
    expect(splitter.pendingBytes).toBe(4);
    expect(splitter.push(bytes(':2}\n\n'))).toEqual({ ok: true, lines: ['{"b":2}', ''] });
    expect(splitter.pendingBytes).toBe(0);
  });

  test('drops the \\r of a CRLF line ending', () => {
    expect(new LineSplitter(100).push(bytes('get\r\n'))).toEqual({ ok: true, lines: ['get'] });
  });

  test('a UTF-8 character cut across two chunks stays whole', () => {
    const splitter = new LineSplitter(100);
    const text = bytes('"é€"\n');
    expect(splitter.push(text.subarray(0, 2)).lines).toEqual([]);
    expect(splitter.push(text.subarray(2)).lines).toEqual(['"é€"']);
  });

  test('a line of exactly the bound passes', () => {
    expect(new LineSplitter(4).push(bytes('abcd\n'))).toEqual({ ok: true, lines: ['abcd'] });
  });

  test('fails when an unfinished line passes the bound, and stays failed', () => {
    const splitter = new LineSplitter(4);
    expect(splitter.push(bytes('ok\nabc'))).toEqual({ ok: true, lines: ['ok'] });
    expect(splitter.push(bytes('de'))).toEqual({ ok: false, lines: [], pendingBytes: 5 });
    expect(splitter.push(bytes('\nfine\n')).ok).toBe(false);
  });

  test('fails when a finished line is longer than the bound, after giving the lines before it', () => {
    expect(new LineSplitter(4).push(bytes('one\nthree\n'))).toEqual({ ok: false, lines: ['one'], pendingBytes: 5 });
  });

  test('fails when the bound is not a positive integer', () => {
    expect(() => new LineSplitter(0)).toThrow('LineSplitter: maxLineBytes must be an integer >= 1, got 0');
  });

  test('property: any chunking of any bytes gives the lines of the whole, and never holds more than the bound', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), fc.integer({ min: 1, max: 48 }), (chunks, bound) => {
        const splitter = new LineSplitter(bound);
        const lines: string[] = [];
        let failed = false;
        for (const chunk of chunks) {
          const result = splitter.push(Buffer.from(chunk));
          lines.push(...result.lines);
          if (result.ok) expect(splitter.pendingBytes).toBeLessThanOrEqual(bound);
          if (!result.ok) {
            failed = true;
            break;
          }
        }
        const whole = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        const parts: Buffer[] = [];
        for (let start = 0, end = whole.indexOf(0x0a); end !== -1; start = end + 1, end = whole.indexOf(0x0a, start)) {
          parts.push(whole.subarray(start, end));
        }
        const expected = parts.map((p) => p.toString('utf8').replace(/\r$/, ''));
        if (!failed) {
          expect(lines).toEqual(expected);
        } else {
          // Everything given before the failure is a true prefix of the whole's lines, each within the bound.
          expect(lines).toEqual(expected.slice(0, lines.length));
          expect(parts.slice(0, lines.length).every((p) => p.length <= bound)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
