import type { DrawProgress } from './draw.js';

/**
 * A one-line progress display for drawing diagrams: shown on a terminal only, never in CI
 * logs or piped output, where a redrawn line would just be noise.
 */
export interface ProgressTarget {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ProgressDisplay {
  readonly onProgress?: (progress: DrawProgress) => void;
  /** Clears the line once drawing is over (or failed). */
  readonly done: () => void;
}

function inCi(env: ProgressTarget['env']): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function progressDisplay(target: ProgressTarget): ProgressDisplay {
  if (!target.isTTY || inCi(target.env) || target.env['TERM'] === 'dumb') return { done: () => undefined };
  let shown = false;
  return {
    onProgress: ({ done, total, diagram }) => {
      shown = true;
      const where = diagram.modelId ?? 'all models';
      // \r and erase-to-end-of-line: redraw in place without scrolling.
      target.write(`\rdrawing diagrams ${done}/${total} (${where})\u001b[K`);
    },
    done: () => {
      if (shown) target.write('\r\u001b[K');
    },
  };
}
