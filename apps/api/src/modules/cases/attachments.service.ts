import { randomBytes } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { type Actor, type Attachment, PROBLEM_TYPES } from '@doorbraak/domain';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import type { AppConfig } from '../../config/config';
import { rows } from '../../database/query';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { caseScopeSql } from '../identity/case-scope.sql';
import {
  ATTACHMENT_TYPES,
  detectAttachmentKind,
  extensionOf,
  sanitizeFilename,
  UploadInspector,
} from './attachments.content-type';
import { lockCaseInScope, touchCase } from './case-access';
import { CaseEventsService, eventActor } from './case-events.service';
import { assertCaseVisible, assertMayUseVisibility, type CaseView } from './comments.service';
import {
  ATTACHMENT_STORAGE,
  AttachmentNotFoundError,
  type AttachmentStorage,
} from './storage/attachment-storage';

type Visibility = Attachment['visibility'];

/** Room for the multipart framing (boundaries, part headers, the visibility field) around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

interface AttachmentRow {
  id: string;
  case_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  visibility: Visibility;
  uploaded_by: string | null;
  created_at: Date | string;
}

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    caseId: row.case_id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    visibility: row.visibility,
    uploadedBy: row.uploaded_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const SELECT_ATTACHMENT = `
  SELECT a.id, a.case_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.storage_key, a.visibility,
         CASE WHEN u.id IS NULL THEN NULL ELSE u.name || ' (' || o.name || ')' END AS uploaded_by,
         a.created_at
    FROM case_attachments a
    LEFT JOIN users u ON u.id = a.uploaded_by_user_id
    LEFT JOIN organisations o ON o.id = a.uploaded_by_organisation_id`;

function unsupportedMediaType(detail: string): ProblemException {
  return new ProblemException(
    415,
    PROBLEM_TYPES.unsupportedMediaType,
    'Type inhoud niet ondersteund',
    detail,
  );
}

function tooLarge(maxBytes: number): ProblemException {
  const mib = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new ProblemException(
    413,
    PROBLEM_TYPES.payloadTooLarge,
    'Bestand te groot',
    `Een bijlage mag hoogstens ${mib} MiB groot zijn.`,
  );
}

const ALLOWED_DESCRIPTION = 'PDF, PNG, JPEG, tekst (.txt), CSV, Word (.docx), Excel (.xlsx), .odt of .ods';

/** The busboy limits of @fastify/multipart surface as errors with these codes. */
const MULTIPART_LIMIT_CODES = new Set(['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

export interface AttachmentContent {
  attachment: Attachment;
  stream: Readable;
}

/**
 * Attachments: bytes in the {@link AttachmentStorage}, metadata and the `attachment.added` event
 * in the database. The upload streams to storage outside any transaction (a long upload must
 * not hold the case lock or the embedded database); the metadata row then commits in one
 * transaction, and when that fails the stored bytes are deleted again.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly db: DataSource,
    private readonly events: CaseEventsService,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string): Promise<{ items: Attachment[] }> {
    const view = await assertCaseVisible(this.db, actor, caseId);
    const found: AttachmentRow[] = await this.db.query(
      `${SELECT_ATTACHMENT} WHERE a.case_id = $1 AND a.visibility = ANY($2::varchar[])
        ORDER BY a.created_at, a.id`,
      [caseId, view.visibilities],
    );
    return { items: found.map(toAttachment) };
  }

  /** One attachment's metadata and bytes, if the actor may see the case and the attachment. */
  async content(actor: Actor, caseId: string, attachmentId: string): Promise<AttachmentContent> {
    if (!isUuid(caseId) || !isUuid(attachmentId)) throw ProblemException.notFound('Bijlage niet gevonden.');
    const view = await assertCaseVisible(this.db, actor, caseId);
    const params: unknown[] = [caseId, attachmentId, view.visibilities];
    const scope = caseScopeSql(actor, 'c', params);
    const found: AttachmentRow[] = await this.db.query(
      `${SELECT_ATTACHMENT} JOIN cases c ON c.id = a.case_id
        WHERE a.case_id = $1 AND a.id = $2 AND a.visibility = ANY($3::varchar[]) AND ${scope}`,
      params,
    );
    const row = found[0];
    if (!row) throw ProblemException.notFound('Bijlage niet gevonden.');
    try {
      return { attachment: toAttachment(row), stream: await this.storage.get(row.storage_key) };
    } catch (error) {
      if (error instanceof AttachmentNotFoundError) {
        this.logger.error({ attachmentId, caseId }, 'Attachment content missing from storage');
        throw ProblemException.notFound('De inhoud van deze bijlage is niet (meer) beschikbaar.');
      }
      throw error;
    }
  }

  /** Stores a multipart upload (`file`, optional `visibility`) and records it on the case. */
  async upload(actor: Actor, caseId: string, request: FastifyRequest): Promise<Attachment> {
    const maxBytes = this.config.attachments.maxBytes;
    const view = await assertCaseVisible(this.db, actor, caseId);
    if (!request.isMultipart()) {
      throw unsupportedMediaType(
        'Stuur de bijlage als multipart/form-data met het bestand in het veld "file".',
      );
    }
    const declaredLength = Number(request.headers['content-length']);
    if (Number.isFinite(declaredLength) && declaredLength > maxBytes + MULTIPART_OVERHEAD_BYTES) {
      throw tooLarge(maxBytes); // refuse before reading the body
    }

    let storedKey: string | null = null;
    try {
      let visibility: Visibility | null = null;
      let upload: { filename: string; inspector: UploadInspector } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          visibility = this.readVisibility(view, part, visibility);
          continue;
        }
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw ProblemException.validation([
            {
              field: part.fieldname,
              code: 'unexpected',
              message: 'Stuur precies één bestand, in het veld "file".',
            },
          ]);
        }
        const key = randomBytes(32).toString('hex');
        const inspector = new UploadInspector();
        storedKey = key;
        await this.storage.put(key, this.inspect(part, inspector));
        if (part.file.truncated) throw tooLarge(maxBytes);
        upload = { filename: sanitizeFilename(part.filename), inspector };
      }
      if (!upload) {
        throw ProblemException.validation([
          { field: 'file', code: 'required', message: 'Kies een bestand (veld "file").' },
        ]);
      }
      const inspected = upload.inspector.result;
      if (inspected.sizeBytes === 0) {
        throw ProblemException.validation([
          { field: 'file', code: 'empty', message: 'Het bestand is leeg.' },
        ]);
      }
      const extension = extensionOf(upload.filename);
      const kind = detectAttachmentKind(inspected, extension);
      if (!kind) {
        throw unsupportedMediaType(
          `Dit soort bestand kan niet als bijlage worden toegevoegd. Toegestaan: ${ALLOWED_DESCRIPTION}.`,
        );
      }
      const type = ATTACHMENT_TYPES[kind];
      if (!(type.extensions as readonly string[]).includes(extension)) {
        throw unsupportedMediaType(
          `De inhoud van het bestand past niet bij de naam "${upload.filename}": het is ${type.contentType}; ` +
            `gebruik de extensie .${type.extensions[0]}.`,
        );
      }
      const finalVisibility: Visibility =
        visibility ?? (view.visibilities.includes('internal') ? 'internal' : 'shared');
      assertMayUseVisibility(view, finalVisibility, 'bijlagen');

      const key = storedKey;
      if (!key) throw new Error('Upload without a storage key');
      const id = await this.db.transaction(async (manager) => {
        await lockCaseInScope(manager, actor, caseId);
        const [row] = await rows<{ id: string }>(
          manager,
          `INSERT INTO case_attachments (case_id, filename, content_type, size_bytes, sha256, storage_key, visibility,
                                         uploaded_by_user_id, uploaded_by_organisation_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            caseId,
            upload.filename,
            type.contentType,
            inspected.sizeBytes,
            inspected.sha256,
            key,
            finalVisibility,
            actor.userId,
            actor.organisationId,
          ],
        );
        if (!row) throw new Error('Attachment insert returned no row');
        await touchCase(manager, caseId);
        await this.events.append(
          manager,
          caseId,
          eventActor(actor),
          'attachment.added',
          {
            attachmentId: row.id,
            filename: upload.filename,
            contentType: type.contentType,
            sizeBytes: inspected.sizeBytes,
            sha256: inspected.sha256,
            visibility: finalVisibility,
          },
          { visibility: finalVisibility },
        );
        return row.id;
      });
      storedKey = null; // committed: the bytes belong to the row now
      const [created] = await this.db.query<AttachmentRow[]>(`${SELECT_ATTACHMENT} WHERE a.id = $1`, [id]);
      if (!created) throw new Error('Attachment vanished after insert');
      return toAttachment(created);
    } catch (error) {
      if (storedKey) await this.discard(storedKey);
      // Stop parsing and discard the rest of the body, so the connection does not stall on it.
      request.raw.unpipe();
      request.raw.resume();
      throw translateMultipartError(error, maxBytes);
    }
  }

  private readVisibility(view: CaseView, part: MultipartValue, current: Visibility | null): Visibility {
    if (part.fieldname !== 'visibility' || current !== null) {
      throw ProblemException.validation([
        { field: part.fieldname, code: 'unexpected', message: 'Onbekend of dubbel veld.' },
      ]);
    }
    const value = part.value;
    if (value !== 'internal' && value !== 'shared') {
      throw ProblemException.validation([
        { field: 'visibility', code: 'invalid_value', message: 'Kies "internal" of "shared".' },
      ]);
    }
    assertMayUseVisibility(view, value, 'bijlagen'); // before any byte is stored
    return value;
  }

  /** The file stream through the inspector; an error on either side fails the stream given to storage. */
  private inspect(part: MultipartFile, inspector: UploadInspector): Readable {
    return pipeline(part.file, inspector, () => undefined);
  }

  private async discard(key: string): Promise<void> {
    try {
      await this.storage.delete(key);
    } catch (error) {
      this.logger.error({ err: error, key }, 'Could not delete an orphaned attachment');
    }
  }
}

/** Errors of the multipart parser (busboy) when the body is not well-formed multipart. */
const MALFORMED_MULTIPART =
  /^(Unexpected end of (form|file)|Malformed part header|Multipart: Boundary not found|Part terminated early)/;

/** Multipart parser errors (limits, malformed bodies) as Dutch problems; everything else unchanged. */
function translateMultipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof ProblemException) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (typeof code === 'string' && MULTIPART_LIMIT_CODES.has(code)) {
    return new ProblemException(
      413,
      PROBLEM_TYPES.payloadTooLarge,
      'Verzoek te groot',
      'Stuur één bestand per verzoek, met hoogstens het veld "visibility" erbij.',
    );
  }
  if (typeof message === 'string' && MALFORMED_MULTIPART.test(message)) {
    return new ProblemException(
      400,
      PROBLEM_TYPES.malformedRequest,
      'Ongeldig verzoek',
      'De multipart/form-data in dit verzoek is onvolledig of misvormd.',
    );
  }
  return error;
}
