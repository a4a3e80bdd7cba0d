import * as YAML from 'yaml';
import { oneLine, Problem, ValidationError } from '../errors';
import { DEPTH_PROBLEM, INPUT_LIMITS, inputSizeProblem } from '../input-limits';

/**
 * A config file's text as data: JSON for `.json` files, YAML for anything else. A hostile text
 * costs time linear in its size: it is refused by size first; YAML is read with a bound on
 * depth (checked on the parse tree, before the recursive steps), on alias expansion (the
 * `yaml` package's maxAliasCount) and with repeated keys found by one pass over each mapping
 * (the package's own check compares every pair of keys).
 */

/** Alias expansions a config may make; yaml's own default, named here because the README documents it. */
export const MAX_ALIAS_COUNT = 100;

export function parseConfigText(text: string, file: string): unknown {
  const tooLarge = inputSizeProblem(Buffer.byteLength(text), INPUT_LIMITS.configBytes);
  if (tooLarge) throw new ValidationError([{ path: file, message: tooLarge }]);
  if (file.endsWith('.json')) {
    try {
      JSON.parse(text);
    } catch (err) {
      throw new ValidationError([{ path: file, message: `not valid JSON: ${oneLine((err as Error).message)}` }]);
    }
  }
  // A `.json` file is read as YAML too (JSON is YAML 1.2): JSON.parse keeps the last of two
  // equal keys without a word.
  return parseYaml(text, file);
}

function parseYaml(text: string, file: string): unknown {
  const lines = new YAML.LineCounter();
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const composer = new YAML.Composer({ uniqueKeys: false });
  const docs: YAML.Document.Parsed[] = [];
  for (const token of new YAML.Parser(lines.addNewLine).parse(text)) {
    const deep = tooDeep(token);
    if (deep !== undefined) throw new ValidationError([{ path: at(deep), message: DEPTH_PROBLEM }]);
    docs.push(...composer.next(token));
  }
  docs.push(...composer.end(true, text.length));

  const problems: Problem[] = [];
  for (const error of docs.flatMap((d) => d.errors)) {
    problems.push({ path: at(error.pos[0]), message: `not valid YAML: ${oneLine(error.message)}` });
  }
  for (const extra of docs.slice(1)) {
    problems.push({ path: at(extra.range[0]), message: 'starts a second YAML document, got "---"; expected one document' });
  }
  if (problems.length === 0) problems.push(...repeatedKeys(docs[0], at));
  if (problems.length > 0) throw new ValidationError(problems);
  try {
    return docs[0].toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    throw new ValidationError([
      {
        path: file,
        message: `expands its aliases too often (an alias bomb?), got more than ${MAX_ALIAS_COUNT} expansions; expected anchors used at most ${MAX_ALIAS_COUNT} times`,
      },
    ]);
  }
}

/**
 * The offset of the first collection nested deeper than the limit in one parsed document,
 * or undefined. Iterative: the composer that runs next recurses once per level.
 */
function tooDeep(root: YAML.CST.Token): number | undefined {
  const stack: { token: YAML.CST.Token; depth: number }[] = [{ token: root, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type === 'document' && token.value) stack.push({ token: token.value, depth });
    if (!YAML.CST.isCollection(token)) continue;
    if (depth === INPUT_LIMITS.depth) return token.offset;
    for (const item of token.items) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Each key used twice in one mapping, and each key that is not a plain value; one pass per mapping. */
function repeatedKeys(doc: YAML.Document.Parsed, at: (offset: number) => string): Problem[] {
  const problems: Problem[] = [];
  YAML.visit(doc, {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const { key } of map.items) {
        const offset = (key as YAML.Node | null)?.range?.[0] ?? map.range?.[0] ?? 0;
        if (key !== null && !YAML.isScalar(key)) {
          problems.push({ path: at(offset), message: 'is not a plain key, got a list, mapping or alias; expected a name' });
          continue;
        }
        // As toJS will name it: `1` and `"1"` are one key there.
        const value: unknown = key?.value ?? null;
        const name = typeof value === 'string' ? value : JSON.stringify(value);
        const first = seen.get(name);
        if (first === undefined) seen.set(name, offset);
        else
          problems.push({
            path: at(offset),
            message: `repeats the key of ${at(first)}, got ${JSON.stringify(name)}; expected each key once in a mapping`,
          });
      }
    },
  });
  return problems;
}
