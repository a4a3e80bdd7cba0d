/**
 * One thing wrong with the user's input, located by a JSON path
 * (`runtimes[0].vnics[1].ip`) or a construct path.
 */
export interface Problem {
  /** Where the problem is: a config JSON path, a facts path or a construct path. */
  readonly path: string;
  /** What is wrong, the value received and what is allowed. */
  readonly message: string;
}

/** Base class for every error edgenet raises on purpose (as opposed to bugs). */
export class EdgenetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Bad input: carries every problem found, so the user fixes them all in one go.
 * The message is one `<path>: <problem>` line per problem.
 */
export class ValidationError extends EdgenetError {
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** A failure of an external engine (terraform, dockerd) with its captured output. */
export class EngineError extends EdgenetError {
  constructor(
    message: string,
    public readonly output: string = '',
    /** The HTTP status, when the engine answered one. */
    public readonly status?: number,
  ) {
    super(message);
  }

  /**
   * The message with the engine's own reason (its `Error:` lines, each with the line after
   * it), for one-line places like the watcher's status; else the output's last lines.
   */
  get summary(): string {
    const lines = this.output.split('\n').map((l) => l.replace(/^[\s│╷╵]+/, '').trim());
    const reasons = lines.flatMap((line, i) =>
      line.startsWith('Error:') ? [[line, lines.slice(i + 1).find((l) => l !== '') ?? ''].join(' ').trim()] : [],
    );
    const reason =
      reasons.length > 0
        ? reasons.join('; ')
        : lines
            .filter((l) => l !== '')
            .slice(-3)
            .join(' ');
    return reason === '' ? this.message : `${this.message}: ${reason}`;
  }
}

/** Set to 1 to see the stack trace of an unexpected error. */
export const DEBUG_VARIABLE = 'EDGENET_DEBUG';

/**
 * An error edgenet did not raise on purpose (a bug, whatever the input) as the one line the
 * user sees, asking for a report; with `debug` (EDGENET_DEBUG=1) its stack trace instead.
 */
export function describeUnexpected(err: unknown, debug: boolean): string {
  if (debug && err instanceof Error && err.stack !== undefined) return err.stack;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : show(err);
  return `edgenet: unexpected error: ${message.split('\n')[0]}; this is a bug, please report it (${DEBUG_VARIABLE}=1 shows where it happened)`;
}

export function formatProblem(p: Problem): string {
  return `${p.path}: ${p.message}`;
}

/**
 * A parser's message on one line: parsers quote the text around the error, line breaks and
 * all, and a control character quoted from a hostile file must not reach the terminal as one.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Renders a received value the same way everywhere: JSON, so strings show their quotes. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // Nested past the stack, or not data at all (a BigInt, a cycle): a message must still come out.
    json = undefined;
  }
  if (json === undefined) return `a ${Array.isArray(value) ? 'list' : typeof value} that cannot be shown`;
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** The canonical message: `<what>, got <value>; expected <allowed>`. */
export function say(what: string, got: unknown, expected: string): string {
  return `${what}, got ${show(got)}; expected ${expected}`;
}

export function problem(path: string, what: string, got: unknown, expected: string): Problem {
  return { path, message: say(what, got, expected) };
}

/** Collects problems and throws them together, once, at the end of a validation pass. */
export class ProblemList {
  private readonly items: Problem[] = [];

  /** Adds a problem; `undefined` (a rule that found nothing) is ignored. */
  add(p: Problem | undefined): void {
    if (p) this.items.push(p);
  }

  addAll(problems: readonly Problem[]): void {
    this.items.push(...problems);
  }

  get length(): number {
    return this.items.length;
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ValidationError(this.items);
  }
}
