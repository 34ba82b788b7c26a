import * as path from 'node:path';
import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../runtime/runtime.tokens';
import { ATTACHMENT_STORAGE, type AttachmentStorage } from './attachment-storage';
import { LocalDiskAttachmentStorage } from './local-disk.storage';

/** The attachment storage: the local disk under `${DATA_DIR}/attachments` (replace this provider for S3). */
export const attachmentStorageProvider: Provider<AttachmentStorage> = {
  provide: ATTACHMENT_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): AttachmentStorage =>
    new LocalDiskAttachmentStorage(path.join(config.dataDir, 'attachments')),
};
