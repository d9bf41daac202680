#!/usr/bin/env node
// `npm start`: the demo intranet page (docs/) served by Vite on loopback, with the Salesforce,
// Zoho, Kingdee and REST fakes behind relays mounted at /relay/<vendor> on the same server
// (same origin as the page: no CORS, and no credential ever reaches the browser).
import { createServer } from 'vite';
import { pathToFileURL } from 'node:url';

const RELAY_PATH = /^\/relay\/(salesforce|zoho|kingdee|rest)(?:[/?]|$)/;

/**
 * Starts the demo; resolves with its URL and a close function. Used by `npm start` and the e2e test.
 * @param {{ port?: number, quiet?: boolean, backends?: boolean, watch?: boolean }} [options]
 *   port 0 picks a free one; backends false serves the page alone (embedded source only); watch
 *   false turns off file watching and hot reload (a test's page must not reload when a file changes).
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startDemo({ port = Number(process.env.PORT ?? 5173), quiet = false, backends: withBackends = true, watch = true } = {}) {
  /** Origins the relays accept calls from: filled in once the server knows its port. */
  const allowOrigins = [];
  /** @type {Promise<import('../docs/demo/backends.ts').DemoBackends> | undefined} */
  let backends;

  const server = await createServer({
    configFile: new URL('../docs/vite.config.ts', import.meta.url).pathname,
    server: { port, host: '127.0.0.1', strictPort: false, ...(watch ? {} : { hmr: false, watch: null }) },
    plugins: [{
      name: 'kamkit-demo-relays',
      // Runs before Vite's own middlewares (its HTML fallback would otherwise answer 404).
      configureServer(vite) {
        vite.middlewares.use((req, res, next) => {
          const m = RELAY_PATH.exec(req.url ?? '');
          if (!m || !backends) return next();
          backends.then((b) => b.relays[m[1]](req, res), (err) => {
            res.statusCode = 503;
            res.setHeader('content-type', 'text/plain; charset=utf-8');
            res.end(`The demo's ${m[1]} fake did not start: ${err instanceof Error ? err.message : String(err)}`);
          });
        });
      },
    }],
  });
  await server.listen();
  const address = server.httpServer?.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${realPort}/`;
  allowOrigins.push(`http://127.0.0.1:${realPort}`, `http://localhost:${realPort}`);

  if (withBackends) {
    // The backends are TypeScript; Vite's SSR loader runs them in Node.
    backends = server.ssrLoadModule('/demo/backends.ts').then((mod) => mod.startDemoBackends({ allowOrigins }));
    try {
      await backends;
    } catch (err) {
      await server.close();
      throw err;
    }
  }
  if (!quiet) {
    const fakes = backends ? (await backends).fakes : {};
    const line = (name, text) => console.log(`    ${name.padEnd(12)} ${text}`);
    console.log(`\n  KAM Kit demo: open ${url}\n`);
    console.log('  The "Data" switch in the page header picks where the page reads and writes:');
    line('Embedded', 'the seeded sample book in this browser\'s IndexedDB (moves and overrides survive a reload)');
    for (const [vendor, fakeUrl] of Object.entries(fakes)) {
      const path = vendor === 'rest' ? 'rest adapter → relay → rest adapter → REST-contract fake' : `rest adapter → relay → ${vendor} adapter → ${vendor} fake`;
      line(vendor, `${path} (${fakeUrl})`);
    }
    console.log(`\n  Docs: ${url}README.html · Ctrl-C stops everything.\n`);
  }
  return {
    url,
    async close() {
      await (await backends?.catch(() => undefined))?.close();
      await server.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const demo = await startDemo();
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130);
    stopping = true;
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
