/**
 * The `journey` CLI: parses the command line and runs one command. The
 * commands load after parsing, so a grade's child process (which loads
 * Vitest) starts first and the two load side by side.
 */
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { coursePaths } from '../course/paths.ts';
import { prestartGrader } from '../runners/node/grading-child.ts';
import type { CiFlags } from './ci-commands.ts';
import type { Io } from './commands.ts';
import { findCommand, helpText, UsageError, type CommandSpec } from './usage.ts';
import { cliLocale } from './locale.ts';
import { messages } from './messages.ts';

function parse(spec: CommandSpec, args: string[]) {
  try {
    return parseArgs({ args, options: spec.flags, allowPositionals: true, strict: true });
  } catch (error) {
    const flags = Object.keys(spec.flags).map((f) => `--${f}`);
    const valid = flags.length ? `Flags for "${spec.name}": ${flags.join(', ')}.` : `"${spec.name}" takes no flags.`;
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}. ${valid}`);
  }
}

/** Runs the CLI with these arguments; resolves to the exit code. */
export async function main(argv: string[], plainIo: Io): Promise<number> {
  let io = plainIo;
  try {
    const { locale, args } = cliLocale(argv, process.env);
    io = { ...plainIo, locale };
    const [name, ...rest] = args;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.out(helpText());
      return name === undefined ? 2 : 0;
    }
    const spec = findCommand(name);
    const { values, positionals } = parse(spec, rest);
    const maxArgs = spec.args.split(' ').filter(Boolean).length;
    if (positionals.length > maxArgs) throw new UsageError(`too many arguments for "${spec.name}": expected ${spec.args || 'none'}.`);
    if (spec.name === 'grade' || spec.name === 'watch') prestartGrader();
    const paths = coursePaths();
    const commands = await import('./commands.ts');
    const [first, second] = positionals;
    switch (spec.name) {
      case 'list':
        return commands.list(paths, io);
      case 'start':
        return commands.start(paths, io, first);
      case 'grade':
        return await commands.grade(paths, io, first, values as import('./commands.ts').GradeFlags);
      case 'watch':
        return await commands.watch(paths, io, first);
      case 'hint':
        return commands.hint(paths, io, first, second, values as { seen?: boolean });
      case 'import':
        return commands.importZip(paths, io, first);
      case 'reset':
        return commands.reset(paths, io, first);
      case 'doctor':
        return await commands.doctor(paths, io, values as { platform?: string });
      case 'class':
        return await (await import('./class.ts')).classCommand(paths, io, first, second, values as import('./class.ts').ClassFlags);
      case 'new':
        return commands.newLab(paths, io, first, values as { title?: string });
      case 'trip':
        return await (await import('./trip.ts')).trip(paths, io, values as import('./trip.ts').TripFlags);
      case 'ci': {
        const ci = await import('./ci-commands.ts');
        const flags = values as CiFlags;
        if (first === 'init') return ci.ciInit(paths, io, flags);
        if (first === 'summary') return await ci.ciSummary(paths, io, flags);
        throw new UsageError(first ? `unknown ci action "${first}". Actions: init, summary.` : 'name a ci action: init or summary.');
      }
      default:
        io.out(helpText());
        return 0;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${pc.red(messages(io.locale).error)} ${error.message}`);
      io.err(pc.dim(messages(io.locale).helpPointer));
      return 2;
    }
    if (error instanceof Error && error.name === 'ManifestError') {
      io.err(`${pc.red('journey:')} ${error.message}`);
      return 2;
    }
    throw error;
  }
}
