import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * What an upload is, decided from its bytes (magic numbers, archive structure, UTF-8 validity),
 * never from the client's Content-Type. The file name's extension must then agree with what the
 * bytes are, so a script or web page cannot travel under an innocent name or vice versa.
 */
export interface AttachmentType {
  contentType: string;
  /** Lower-case extensions (without the dot) a file of this type may carry. */
  extensions: readonly string[];
}

export const ATTACHMENT_TYPES = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  text: { contentType: 'text/plain', extensions: ['txt', 'text', 'md', 'log'] },
  csv: { contentType: 'text/csv', extensions: ['csv'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
} as const satisfies Record<string, AttachmentType>;

export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

/** Bytes kept from the start (signatures, the first ZIP entry) and the end (the ZIP central directory). */
const HEAD_BYTES = 4 * 1024;
const TAIL_BYTES = 512 * 1024;

export interface InspectedUpload {
  sizeBytes: number;
  sha256: string;
  head: Buffer;
  tail: Buffer;
  /** The whole content is valid UTF-8 and has no NUL byte. */
  isText: boolean;
}

/**
 * A pass-through stream that measures what flows to the storage: size, SHA-256, the first and
 * last bytes, and whether the content is NUL-free UTF-8. Read {@link result} after it ended.
 */
export class UploadInspector extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private size = 0;
  private head = Buffer.alloc(0);
  private tailChunks: Buffer[] = [];
  private tailLength = 0;
  private text = true;
  private finished: InspectedUpload | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
    this.tailChunks.push(chunk);
    this.tailLength += chunk.length;
    while (this.tailChunks.length > 1 && this.tailLength - this.tailChunks[0]!.length >= TAIL_BYTES) {
      this.tailLength -= this.tailChunks.shift()!.length;
    }
    if (this.text) {
      if (chunk.includes(0)) this.text = false;
      else {
        try {
          this.decoder.decode(chunk, { stream: true });
        } catch {
          this.text = false;
        }
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.text) {
      try {
        this.decoder.decode(); // an incomplete sequence at the end is invalid
      } catch {
        this.text = false;
      }
    }
    const tail = Buffer.concat(this.tailChunks);
    this.finished = {
      sizeBytes: this.size,
      sha256: this.hash.digest('hex'),
      head: this.head,
      tail: tail.subarray(Math.max(0, tail.length - TAIL_BYTES)),
      isText: this.text,
    };
    this.tailChunks = [];
    done();
  }

  get result(): InspectedUpload {
    if (!this.finished) throw new Error('UploadInspector has not finished');
    return this.finished;
  }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

const startsWith = (bytes: Buffer, signature: Buffer) =>
  bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);

/** OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the media type. */
function openDocumentKind(head: Buffer): 'odt' | 'ods' | null {
  if (head.length < 30 || head.readUInt32LE(0) !== ZIP_LOCAL) return null;
  const method = head.readUInt16LE(8);
  const size = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const name = head.toString('latin1', 30, 30 + nameLength);
  if (method !== 0 || name !== 'mimetype' || size > 100) return null;
  const start = 30 + nameLength + extraLength;
  if (head.length < start + size) return null;
  const mimetype = head.toString('latin1', start, start + size);
  if (mimetype === ATTACHMENT_TYPES.odt.contentType) return 'odt';
  if (mimetype === ATTACHMENT_TYPES.ods.contentType) return 'ods';
  return null;
}

/** Entry names of a ZIP from its central directory, when that lies in the kept tail. */
function zipEntryNames(tail: Buffer, totalSize: number): Set<string> | null {
  const searchFrom = Math.max(0, tail.length - 22 - 0xffff);
  let end = -1;
  for (let i = tail.length - 22; i >= searchFrom; i -= 1) {
    if (tail.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  const tailStart = totalSize - tail.length;
  let at = directoryOffset - tailStart;
  if (at < 0 || directoryOffset + directorySize > totalSize) return null; // ZIP64 or outside the tail
  const names = new Set<string>();
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > tail.length || tail.readUInt32LE(at) !== ZIP_CENTRAL) return null;
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    if (at + 46 + nameLength > tail.length) return null;
    names.add(tail.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function officeKind(upload: InspectedUpload): 'docx' | 'xlsx' | 'odt' | 'ods' | null {
  const names = zipEntryNames(upload.tail, upload.sizeBytes);
  if (!names) return null;
  const odf = openDocumentKind(upload.head);
  if (odf) return names.has('content.xml') ? odf : null;
  if (!names.has('[Content_Types].xml')) return null;
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** The allowed type the bytes are, or null. `extension` only tells plain text from CSV. */
export function detectAttachmentKind(upload: InspectedUpload, extension: string): AttachmentKind | null {
  const { head } = upload;
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_LOCAL) {
    try {
      return officeKind(upload);
    } catch {
      return null; // a truncated or malformed archive
    }
  }
  if (upload.isText) return extension === 'csv' ? 'csv' : 'text';
  return null;
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

const MAX_FILENAME = 200;

/**
 * A file name safe to store and to send back in Content-Disposition: no directories (either
 * slash), no control or bidirectional-override characters, no characters Windows refuses, no
 * leading dots, at most 200 characters (the extension kept).
 */
export function sanitizeFilename(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') name = 'bijlage';
  const chars = Array.from(name);
  if (chars.length <= MAX_FILENAME) return name;
  const extension = extensionOf(name);
  const suffix = extension && extension.length <= 10 ? `.${extension}` : '';
  return chars.slice(0, MAX_FILENAME - suffix.length).join('') + suffix;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266/8187). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
