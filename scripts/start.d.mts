// Types for scripts/start.mjs, so TypeScript tests can start the demo in-process.
export interface DemoOptions {
  /** 0 picks a free port; default `PORT` or 5173 (the next free one when taken). */
  port?: number;
  /** No banner on the terminal. */
  quiet?: boolean;
  /** false serves the page alone (embedded source only). */
  backends?: boolean;
  /** false turns off file watching and hot reload. */
  watch?: boolean;
}

export interface RunningDemo {
  /** The page's URL, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  close(): Promise<void>;
}

export function startDemo(options?: DemoOptions): Promise<RunningDemo>;
