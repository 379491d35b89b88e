/**
 * `npm start`: build the site if dist/ is stale and serve it on http://localhost:4321.
 * Ctrl-C stops it. (The embedded Supabase-compatible API joins this command in a later step.)
 */
import { buildIfStale } from './lib/build-if-stale.ts';
import { createStaticServer, listen } from './lib/static-server.ts';

buildIfStale();
const server = createStaticServer('dist');
const url = await listen(server, Number(process.env.PORT ?? 4321), process.env.HOST ?? '127.0.0.1');
console.log(`\n  贵池托育服务 / Guichi Childcare is running:\n    site      ${url.replace('127.0.0.1', 'localhost')}/\n    English   ${url.replace('127.0.0.1', 'localhost')}/en/\n\n  Press Ctrl-C to stop.\n`);
const stop = () => {
  console.log('Stopping…');
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
