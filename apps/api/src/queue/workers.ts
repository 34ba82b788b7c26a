import type { WorkerHost } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { MailProcessor } from './mail.processor';
import { MaintenanceProcessor } from './maintenance.processor';

/**
 * The BullMQ workers of an app: none in ROLE=api, both otherwise (QueueModule registers them by
 * role). Looked up by role, never by trying: Nest ends the process on app.get() of an absent provider.
 */
export function workerHosts(app: INestApplicationContext, role: AppConfig['role']): WorkerHost[] {
  if (role === 'api' || role === 'migrate') return [];
  return [app.get<WorkerHost>(MailProcessor), app.get<WorkerHost>(MaintenanceProcessor)];
}

/** Stops fetching jobs and waits for the active ones to finish (BullMQ Worker.close is idempotent). */
export async function closeWorkers(app: INestApplicationContext, role: AppConfig['role']): Promise<void> {
  await Promise.all(workerHosts(app, role).map((host) => host.worker.close()));
}
