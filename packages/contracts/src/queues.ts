/**
 * Queue names. These values are persisted in Redis: never rename one, add a new one instead.
 */
export const QueueName = {
  Diagnostics: 'diagnostics',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
