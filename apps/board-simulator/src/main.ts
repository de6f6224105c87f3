import { startBoardSimulator } from './board-simulator.js';

const port = Number(process.env.BOARD_SIMULATOR_PORT ?? 3199);
const simulator = await startBoardSimulator({ port, host: process.env.HTTP_HOST ?? '127.0.0.1' });
process.stdout.write(`board simulator at ${simulator.url}\n`);
const stop = () => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
