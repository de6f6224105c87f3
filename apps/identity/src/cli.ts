import { Logger } from '@nestjs/common';
import { runIdentityCli } from './cli/identity-cli.js';

// The CLI prints its own summary; Nest's console logger would only add noise.
Logger.overrideLogger(false);

process.exitCode = await runIdentityCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
