import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type AttachmentStorage, AttachmentNotFoundError } from './attachment-storage';

/**
 * Attachments on the local disk: `<root>/<first two key characters>/<key>`. Keys are random hex
 * made by the server (never a user-supplied name or path); directories are 0700 and files 0600,
 * so nothing stored is ever executable or readable by other accounts.
 */
export class LocalDiskAttachmentStorage implements AttachmentStorage {
  constructor(private readonly root: string) {}

  /** The file of a key (exported for tests and operations; keys are validated first). */
  pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, content: Readable | Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite an existing key.
    const target = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    try {
      await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, target);
      await chmod(file, 0o600); // the process umask cannot widen it, but be explicit
    } catch (error) {
      await this.delete(key);
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
