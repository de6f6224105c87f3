/** The LISTEN/NOTIFY channel that wakes a schema's outbox relay on commit. */
export const outboxChannel = (schema: string) => `outbox_${schema}`;
