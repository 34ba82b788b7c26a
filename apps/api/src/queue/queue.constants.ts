/** Queue and job names, one place. A job name without a handler fails loudly in its processor. */
export const MAIL_QUEUE = 'mail';
export const SEND_EMAIL_JOB = 'send-email';

export const MAINTENANCE_QUEUE = 'maintenance';
/** Every minute: due reminders → deliveries, then pending deliveries → send-email jobs. */
export const SWEEP_JOB = 'sweep';
/** 08:00 Europe/Amsterdam on weekdays: the daily digest (holidays are skipped when MAIL_SEND_WINDOW=working-hours). */
export const DIGEST_JOB = 'digest';

export interface SendEmailPayload {
  deliveryId: string;
}

/** Retries of a send: exponential backoff from 2 s, five attempts, then the delivery is marked failed. */
export const SEND_ATTEMPTS = 5;
