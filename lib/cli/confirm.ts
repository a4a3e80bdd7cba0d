import * as readline from 'readline';
import { EdgenetError } from '../core/errors';

/**
 * Confirmation before a command changes a host: asked on a terminal, skipped with
 * --auto-approve, and refused (before anything runs) when there is no terminal to ask on.
 */
export function confirmation(
  command: 'apply' | 'destroy',
  autoApprove: boolean | undefined,
): ((plan: string) => Promise<boolean>) | undefined {
  if (autoApprove) return undefined;
  if (!process.stdin.isTTY) {
    throw new EdgenetError(
      `edgenet ${command}: refusing to change a host without confirmation: there is no terminal to ask on; pass --auto-approve to ${command} without asking`,
    );
  }
  return async (plan) => {
    process.stdout.write(`${plan}\n`);
    const question = `Do you want to ${command === 'apply' ? 'apply these changes' : 'destroy all of these resources'}? Only 'yes' is accepted: `;
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    rl.close();
    return answer.trim() === 'yes';
  };
}
