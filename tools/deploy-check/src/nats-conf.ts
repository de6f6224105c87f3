// Reads the few settings of a NATS tier.conf the checks need. Not a NATS config parser: it
// drops comments and reads `server_name`, jetstream `domain`, leafnode `listen` and remote urls.

export interface TierConf {
  serverName?: string;
  domain?: string;
  leafnodeListen?: string;
  remoteUrls: string[];
}

export function readTierConf(text: string): TierConf {
  const code = text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  const value = (pattern: RegExp) => pattern.exec(code)?.[1];
  const leafnodes = /leafnodes\s*\{([\s\S]*)\}/.exec(code)?.[1] ?? '';
  return {
    serverName: value(/\bserver_name\s*[:=]\s*"?([^"\s]+)"?/),
    domain: value(/\bjetstream\s*\{[^}]*\bdomain\s*[:=]\s*"?([^"\s]+)"?/),
    leafnodeListen: /\blisten\s*[:=]\s*"?([^"\s]+)"?/.exec(leafnodes)?.[1],
    remoteUrls: [...leafnodes.matchAll(/\burls?\s*[:=]\s*"([^"]+)"/g)].map((m) => m[1]),
  };
}
