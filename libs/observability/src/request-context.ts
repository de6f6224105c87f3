import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextValues {
  requestId: string;
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContextValues>();

/**
 * The ids of the request or message being handled, for logs and for the events it causes —
 * whether it arrived over HTTP, a NATS command or a JetStream event.
 */
export const requestContext = {
  run<T>(values: RequestContextValues, fn: () => T): T {
    return storage.run(values, fn);
  },
  current(): RequestContextValues | undefined {
    return storage.getStore();
  },
};
