// The bench's command line.

export interface Options {
  json: boolean;
  jsonFile: string | null;
  /** Only the screen cases whose name contains this, and the parts it names. */
  only: string | null;
  rebuild: boolean;
  cpuProfile: boolean;
}

export const USAGE = 'use --json[=FILE], --only TEXT, --rebuild, --cpu-prof';

export function parseOptions(args: readonly string[]): Options {
  const options: Options = {
    json: false,
    jsonFile: null,
    only: null,
    rebuild: false,
    cpuProfile: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') options.json = true;
    else if (arg.startsWith('--json=')) options.jsonFile = arg.slice('--json='.length);
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const text = arg === '--only' ? args[++i] : arg.slice('--only='.length);
      if (text === undefined || text.trim() === '')
        throw new Error(`--only needs a text (${USAGE})`);
      options.only = text;
    } else if (arg === '--rebuild') options.rebuild = true;
    else if (arg === '--cpu-prof') options.cpuProfile = true;
    else throw new Error(`unknown option ${arg} (${USAGE})`);
  }
  return options;
}

/** The parts besides the screen cases; with --only, a part runs when the text is in its name. */
export const PARTS = [
  'open the file',
  'growth',
  'exchange',
  'ratings import',
  'data file',
  'cli',
  'bundle',
  'browser',
] as const;
export type Part = (typeof PARTS)[number];

export const runsPart = (options: Pick<Options, 'only'>, part: Part) =>
  options.only === null || part.includes(options.only.toLowerCase());
