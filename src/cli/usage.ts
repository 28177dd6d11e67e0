/** The CLI's command table and its usage errors, so help text and validation share one source. */
import type { Locale } from '../course/locale.ts';
import { USAGE_WORDS, type UsageWords } from './usage-words.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Commands = UsageWords['commands'];
type FlagType = { type: 'string' | 'boolean'; multiple?: boolean };

/** Each command's arguments and flags' types, keyed as usage-words.ts keys their words, so the two cannot drift apart. */
const SPECS: { [Name in keyof Commands]: { args: string; flags: { [Flag in keyof Commands[Name]['flags']]: FlagType } } } = {
  list: { args: '', flags: {} },
  start: { args: '<lab>', flags: {} },
  grade: {
    args: '<lab>',
    flags: { target: { type: 'string' }, stage: { type: 'string', multiple: true }, json: { type: 'boolean' }, format: { type: 'string' }, hidden: { type: 'string' }, all: { type: 'boolean' } },
  },
  watch: { args: '<lab>', flags: {} },
  hint: { args: '<lab> [stage]', flags: { seen: { type: 'boolean' } } },
  import: { args: '<zip>', flags: {} },
  reset: { args: '<lab>', flags: {} },
  doctor: { args: '', flags: { platform: { type: 'string' } } },
  new: { args: '<id>', flags: { title: { type: 'string' } } },
  class: {
    args: '<action> <path>',
    flags: {
      labs: { type: 'string' },
      hidden: { type: 'string' },
      out: { type: 'string' },
      jobs: { type: 'string' },
      feedback: { type: 'string' },
      due: { type: 'string' },
      'lab-seconds': { type: 'string' },
      'test-seconds': { type: 'string' },
      unsafe: { type: 'boolean' },
    },
  },
  ci: {
    args: '<init|summary>',
    flags: { labs: { type: 'string' }, platform: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, 'out-dir': { type: 'string' }, junit: { type: 'string' } },
  },
  trip: {
    args: '',
    flags: { seed: { type: 'string' }, yours: { type: 'string' }, reference: { type: 'boolean' }, out: { type: 'string' }, layer: { type: 'string' }, fault: { type: 'string' }, grade: { type: 'boolean' } },
  },
  help: { args: '', flags: {} },
};

export interface CommandSpec {
  name: keyof Commands;
  args: string;
  flags: Record<string, FlagType>;
}

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly CommandSpec[] = (Object.keys(SPECS) as (keyof Commands)[]).map((name) => ({ name, ...SPECS[name] }));

/** The help text in `locale`: every command with its arguments and flags. */
export function helpText(locale: Locale = 'en'): string {
  const words = USAGE_WORDS[locale];
  const lines = [words.usage, '', words.commandsHeading];
  for (const c of COMMANDS) {
    const said = words.commands[c.name];
    lines.push(`  ${`${c.name} ${c.args}`.padEnd(22)} ${said.summary}`);
    for (const [flag, spec] of Object.entries(c.flags)) {
      lines.push(`  ${''.padEnd(22)}   --${flag}${spec.type === 'string' ? ` ${words.value}` : ''}  ${(said.flags as Record<string, string>)[flag]}`);
    }
  }
  lines.push('', words.runFrom, words.langNote);
  return lines.join('\n');
}

/** The command spec for a name, or a UsageError listing the valid names. */
export function findCommand(name: string | undefined): CommandSpec {
  const found = COMMANDS.find((c) => c.name === name);
  if (found) return found;
  const valid = COMMANDS.map((c) => c.name).join(', ');
  throw new UsageError(name ? `unknown command "${name}". Valid commands: ${valid}.` : `no command given. Valid commands: ${valid}.`);
}
