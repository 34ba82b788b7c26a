import { type Actor, type Attachment, attachmentSchema, COMMENT_VISIBILITIES } from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { openApiResponseSchema } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import { contentDisposition } from './attachments.content-type';
import { AttachmentsService } from './attachments.service';

const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });

/**
 * Attachments of a case. Authorization: the case must be in the actor's scope (else 404); any
 * role that sees the case may upload; the submitting municipality reads, downloads and uploads
 * only `shared` attachments (an internal one is 404 to it; uploading `internal` is 403).
 */
@ApiTags('cases')
@ApiCookieAuth()
@ApiNotFoundResponse({
  description: 'problem+json: the case or attachment does not exist or is outside your scope',
})
@Controller('cases/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Attachments of a case, oldest first (internal ones hidden from the submitter).' })
  @ApiOkResponse({ schema: openApiResponseSchema(attachmentListSchema) })
  list(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<{ items: Attachment[] }> {
    return this.attachments.list(actor, id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Upload one file (PDF, PNG, JPEG, text, CSV, DOCX, XLSX, ODT, ODS; type checked from its bytes) as multipart/form-data.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        visibility: {
          type: 'string',
          enum: [...COMMENT_VISIBILITIES],
          description: 'Default internal (shared for the submitting municipality, which may only share).',
        },
      },
    },
  })
  @ApiCreatedResponse({ schema: openApiResponseSchema(attachmentSchema) })
  @ApiForbiddenResponse({
    description: 'problem+json: the submitting municipality can only share attachments',
  })
  @ApiPayloadTooLargeResponse({ description: 'problem+json: the file exceeds ATTACHMENT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({
    description:
      'problem+json: not multipart, or the bytes are not an allowed type, or do not match the name',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<Attachment> {
    return this.attachments.upload(actor, id, request);
  }

  @Get(':attachmentId/content')
  @ApiOperation({ summary: 'Download the bytes of an attachment (always as a download, never inline).' })
  @ApiOkResponse({
    description: 'The file, with Content-Disposition: attachment',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async content(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { attachment, stream } = await this.attachments.content(actor, id, attachmentId);
    const type = attachment.contentType.startsWith('text/')
      ? `${attachment.contentType}; charset=utf-8`
      : attachment.contentType;
    void reply
      .status(200)
      .header('content-type', type)
      .header('content-length', String(attachment.sizeBytes))
      .header('content-disposition', contentDisposition(attachment.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', 'sandbox')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${attachment.sha256}"`)
      .send(stream);
  }
}
