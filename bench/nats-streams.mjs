// The JetStream streams a benchmark's services created under its namespace. Left behind, one
// bench/intake run kept ~40 MB of events in the machine's NATS (72 streams, 570 MB after a day of
// runs, found 2026-12-02), for later runs and benchmarks to share the server with.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Deletes every stream of `namespace` (`bench1x2y` → `BENCH1X2Y_*`); returns their names. */
export async function dropNamespaceStreams(natsUrl, namespace) {
  const prefix = `${namespace.toUpperCase().replace(/\./g, '_')}_`;
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const names = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(prefix)) names.push(name);
    for (const name of names) await jsm.streams.delete(name);
    return names;
  } finally {
    await nc.close();
  }
}
