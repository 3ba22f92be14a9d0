import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, LaunchOptions, Page } from 'puppeteer';
import { describeErrno } from '../core/errno.js';

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

/** Raised when the chosen program was found but did not start as a browser. */
export class BrowserLaunchError extends Error {
  override readonly name = 'BrowserLaunchError';
  constructor(
    readonly choice: ChromiumChoice,
    reason: string,
  ) {
    super(`could not start Chromium at ${choice.path} (${SOURCE_TEXT[choice.from]}): ${reason}`);
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
  if (!isExecutableFile(choice.path)) throw new BrowserNotFoundError(choice);
  return choice;
}

/** X_OK alone is also true of a directory (it can be searched), which cannot be started. */
function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
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

/** A started browser, its first page and the profile directory it uses; close() removes them. */
export interface LaunchedChromium {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

type LaunchSettings = Omit<LaunchOptions, 'executablePath' | 'userDataDir'>;

/**
 * How long a browser has to start and open its first page. The launch talks to it over a pipe,
 * where puppeteer's own launch timeout does not apply: a program that starts but never answers
 * would otherwise hold the build for the whole protocol timeout.
 */
export const CHROMIUM_START_TIMEOUT_MS = 30_000;

/**
 * Starts the chosen browser with a profile directory of its own and opens its first page. The
 * profile is removed on close or when the start fails (puppeteer's own temporary profile stays
 * behind when the program never ran). Any failure to start, including no answer within
 * startTimeoutMs (after which the program is killed), is a BrowserLaunchError saying why.
 */
export async function launchChromium(
  choice: ChromiumChoice,
  settings: LaunchSettings,
  startTimeoutMs: number = CHROMIUM_START_TIMEOUT_MS,
): Promise<LaunchedChromium> {
  const profile = mkdtempSync(path.join(tmpdir(), 'threatdoc-chromium-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  const watch = watchNextProcess();
  const start = (async () => {
    const { default: puppeteer } = await import('puppeteer');
    const browser = await puppeteer.launch({ ...settings, executablePath: choice.path, userDataDir: profile });
    try {
      return { browser, page: await browser.newPage() };
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw new BrowserLaunchError(choice, `it started but could not open a page: ${firstLine(error)}`);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), startTimeoutMs);
  });
  let started: { browser: Browser; page: Page };
  try {
    const first = await Promise.race([start, timeout]);
    if (first === 'timeout') {
      // The launch fails once the program is gone; should it still succeed, that browser is closed.
      start.then(({ browser }) => browser.close().catch(() => undefined), () => undefined);
      await watch.kill();
      throw new BrowserLaunchError(choice, `it did not answer as a browser within ${startTimeoutMs / 1000} s`);
    }
    started = first;
  } catch (error) {
    const launchError = error instanceof BrowserLaunchError ? error : new BrowserLaunchError(choice, await watch.failure(error));
    removeProfile();
    throw launchError;
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
  const { browser, page } = started;
  return {
    browser,
    page,
    close: async () => {
      try {
        await browser.close();
      } finally {
        removeProfile();
      }
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

interface ProcessWatch {
  /** Why the start failed, in words, from what the process did (else the launcher's error). */
  failure(error: unknown): Promise<string>;
  /** Kills the process (with any it started) and waits a little for it to end. */
  kill(): Promise<void>;
  stop(): void;
}

/**
 * Watches the next child process created, which is the browser: puppeteer gives no handle on
 * it before it is connected, and a failed spawn is an 'error' event on it that, unheard, ends
 * threatdoc with a stack trace. Node announces each new child process on this channel.
 */
function watchNextProcess(): ProcessWatch {
  let child: ChildProcess | undefined;
  let spawnError: unknown;
  let lastLine = '';
  const onProcess = (message: unknown) => {
    stop();
    child = (message as { process: ChildProcess }).process;
    child.on('error', (error) => {
      spawnError = error;
    });
    // Announced before it is spawned: its pipes exist from the 'spawn' event on.
    child.once('spawn', () => {
      child?.stderr?.on('data', (chunk: Buffer) => {
        lastLine = lastNonEmptyLine(chunk.toString('utf8')) ?? lastLine;
      });
    });
  };
  const stop = () => unsubscribe('child_process', onProcess);
  subscribe('child_process', onProcess);
  return {
    stop,
    failure: async (error) => {
      if (child !== undefined && spawnError === undefined) await ended(child);
      if (spawnError !== undefined) return describeErrno(spawnError, SPAWN_WORDS);
      if (child?.exitCode != null || child?.signalCode != null) {
        const how = child.exitCode != null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`;
        return `it ended (${how}) without answering as a browser${lastLine === '' ? '' : `: ${lastLine}`}`;
      }
      return firstLine(error);
    },
    kill: async () => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      // The launcher starts it as the leader of a process group of its own: a wrapper script's
      // children go with it.
      try {
        if (child.pid === undefined) throw new Error('not spawned');
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      await ended(child);
    },
  };
}

/** A spawn's ENOENT for a file that exists means its #! interpreter is missing. */
const SPAWN_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'it, or the interpreter its #! line names, does not exist',
};

/** Waits a little for a process the launcher is stopping to end, so its exit code is known. */
async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
  await Promise.race([once(child, 'close').then(() => undefined, () => undefined), timeout]);
}

function lastNonEmptyLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .at(-1);
  return line === undefined ? undefined : line.slice(0, 300);
}
