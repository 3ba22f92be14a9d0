import { accessSync, constants } from 'node:fs';

/** Finding and launching the system Chromium that draws the diagrams. */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type ChromiumSource = 'option' | 'env' | 'config' | 'default';

export interface ChromiumChoice {
  readonly path: string;
  readonly from: ChromiumSource;
}

export interface ChromiumLookup {
  /** --chromium on the command line. */
  readonly option?: string | undefined;
  /** The environment (PUPPETEER_EXECUTABLE_PATH). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `chromium` in threatdoc.config.yaml. */
  readonly config?: string | undefined;
}

const SOURCE_TEXT: Readonly<Record<ChromiumSource, string>> = {
  option: 'given by --chromium',
  env: 'from PUPPETEER_EXECUTABLE_PATH',
  config: 'from `chromium` in threatdoc.config.yaml',
  default: 'the default',
};

/** Raised when no usable browser is found: the message says how to get one or skip drawing. */
export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
  constructor(readonly choice: ChromiumChoice) {
    super(
      `no Chromium to draw diagrams with: ${choice.path} (${SOURCE_TEXT[choice.from]}) is not an executable file. ` +
        'Install one (apt-get install chromium fonts-liberation), point --chromium, PUPPETEER_EXECUTABLE_PATH or ' +
        '`chromium` in threatdoc.config.yaml at one, or build with --diagrams mermaid (fences only) or --diagrams none.',
    );
  }
}

/** Option, then environment, then config, then /usr/bin/chromium: the first one set wins. */
export function chooseChromium(lookup: ChromiumLookup): ChromiumChoice {
  const nonEmpty = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';
  if (nonEmpty(lookup.option)) return { path: lookup.option, from: 'option' };
  const env = lookup.env?.['PUPPETEER_EXECUTABLE_PATH'];
  if (nonEmpty(env)) return { path: env, from: 'env' };
  if (nonEmpty(lookup.config)) return { path: lookup.config, from: 'config' };
  return { path: DEFAULT_CHROMIUM, from: 'default' };
}

/** The chosen browser, or BrowserNotFoundError when it is missing or not executable. */
export function findChromium(lookup: ChromiumLookup): ChromiumChoice {
  const choice = chooseChromium(lookup);
  try {
    accessSync(choice.path, constants.X_OK);
  } catch {
    throw new BrowserNotFoundError(choice);
  }
  return choice;
}

/** Whether a Chromium is available, for tests and `--diagrams` defaults. */
export function hasChromium(lookup: ChromiumLookup = {}): boolean {
  try {
    findChromium(lookup);
    return true;
  } catch {
    return false;
  }
}

/**
 * Chromium's sandbox cannot start as root, and some containers forbid the namespaces it needs:
 * it is turned off only then, when THREATDOC_CHROMIUM_NO_SANDBOX=1 says so.
 */
export function sandboxOff(uid: number | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return uid === 0 || env['THREATDOC_CHROMIUM_NO_SANDBOX'] === '1';
}

/**
 * Flags that keep the browser quiet and offline: no GPU, no background fetches (component,
 * safe-browsing, sync, variations updates), no first-run work. The sandbox stays on unless
 * the caller says it cannot work (running as root, or asked for).
 */
export function chromiumArgs(options: { readonly noSandbox: boolean }): string[] {
  const args = [
    // puppeteer adds --headless=new itself (headless: true).
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-pings',
    '--metrics-recording-only',
    '--font-render-hinting=none',
  ];
  if (options.noSandbox) args.push('--no-sandbox');
  return args;
}
