/**
 * Which language `journey` speaks: `--lang zh-cn|en` anywhere on the command
 * line, else the system locale (LC_ALL, then LC_MESSAGES, then LANG, as POSIX
 * orders them), else English.
 */
import { LOCALES, localeOf, type Locale } from '../course/locale.ts';
import { UsageError } from './usage.ts';

/** The language asked for, and the arguments without `--lang`. */
export function cliLocale(argv: readonly string[], env: NodeJS.ProcessEnv): { locale: Locale; args: string[] } {
  const args: string[] = [];
  let asked: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') {
      asked = argv[++i];
      if (asked === undefined) throw new UsageError(`--lang needs a value: ${LOCALES.join(' or ')}.`);
    } else if (arg.startsWith('--lang=')) asked = arg.slice('--lang='.length);
    else args.push(arg);
  }
  if (asked !== undefined) {
    const locale = (LOCALES as readonly string[]).includes(asked.toLowerCase()) ? (asked.toLowerCase() as Locale) : undefined;
    if (!locale) throw new UsageError(`--lang must be one of ${LOCALES.join(', ')}; got "${asked}".`);
    return { locale, args };
  }
  // The first of these that is set decides, even when it names a language the course does not speak.
  const system = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value);
  return { locale: localeOf(system) ?? 'en', args };
}
