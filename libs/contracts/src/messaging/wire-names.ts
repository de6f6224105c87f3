/** How contract subjects map to names on the wire within one namespace. */
export const wireNames = {
  event: (namespace: string, subject: string) => `${namespace}.events.${subject}`,
  command: (namespace: string, subject: string) => `${namespace}.${subject}`,
  deadLetter: (namespace: string, consumer: string, subject: string) =>
    `${namespace}.dlq.${consumer}.${subject}`,
  ownerStream: (namespace: string, owner: string) => streamName(namespace, owner),
  ownerStreamSubjects: (namespace: string, owner: string) => [`${namespace}.events.${owner}.>`],
  deadLetterStream: (namespace: string) => streamName(namespace, 'dlq'),
  deadLetterStreamSubjects: (namespace: string) => [`${namespace}.dlq.>`],
  durable: (service: string, subject: string) => `${service}__${subject.replace(/\./g, '_')}`,
};

function streamName(namespace: string, suffix: string): string {
  return `${namespace}_${suffix}`.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase();
}
