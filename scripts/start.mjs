#!/usr/bin/env node
// `npm start`: serves the demo intranet page (docs/) with Vite on loopback and says which URL to open.
import { createServer } from 'vite';

const port = Number(process.env.PORT || 5173);
const server = await createServer({ configFile: 'docs/vite.config.ts', server: { port, host: '127.0.0.1' } });
await server.listen();
console.log(`\n  KAM Kit demo: open http://127.0.0.1:${server.config.server.port}/\n`);
