/** Serves dist/ on http://127.0.0.1:4321 (PORT, HOST override). Used by the browser tests. */
import { createStaticServer, listen } from './lib/static-server.ts';

const server = createStaticServer('dist');
const url = await listen(server, Number(process.env.PORT ?? 4321), process.env.HOST ?? '127.0.0.1');
console.log(`Serving dist/ on ${url}`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
