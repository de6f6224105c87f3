import { EnvValidationError } from '@minsheng/config';
import { loadTextAnalyserEnv, type TextAnalyserEnv } from './config/text-analyser.env.js';
import { startTextAnalyser } from './start-text-analyser.js';

let env: TextAnalyserEnv;
try {
  env = loadTextAnalyserEnv();
} catch (error) {
  if (!(error instanceof EnvValidationError)) throw error;
  process.stderr.write(`text-analyser: refusing to start. ${error.message}\n`);
  process.exit(78); // EX_CONFIG
}

const analyser = await startTextAnalyser(env);
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    analyser.logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      analyser.logger.error({ timeoutMs: env.shutdownTimeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, env.shutdownTimeoutMs).unref();
    analyser.close().then(
      () => process.exit(0),
      (error: Error) => {
        analyser.logger.error({ err: error.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
