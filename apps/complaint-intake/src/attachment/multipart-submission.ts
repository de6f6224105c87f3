import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { ErrorCodes, IntakeErrorCodes } from '@minsheng/contracts';
import { detectAllowedType, isMeaningfulExtension } from './attachment-types.js';
import { checkFileName, extensionOf } from './file-names.js';
import { StagingArea, type StagedAttachment } from './staged-attachment.js';

export const COMPLAINT_FIELD = 'complaint';
export const ATTACHMENT_FIELD = 'attachments';
const MAX_COMPLAINT_FIELD_BYTES = 64 * 1024;

export interface AttachmentLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  stagingDirectory?: string;
}

const refuse = (status: number, code: string, message: string) =>
  status === 413
    ? new PayloadTooLargeException({ code, message })
    : new BadRequestException({ code, message });

const tooLarge = (limits: AttachmentLimits, total: boolean) =>
  refuse(
    413,
    IntakeErrorCodes.attachmentTooLarge,
    total
      ? `附件总大小不能超过 ${mebibytes(limits.maxTotalBytes)}`
      : `单个附件不能超过 ${mebibytes(limits.maxFileBytes)}`,
  );

const mebibytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;

/**
 * A `multipart/form-data` submission read in order: the `complaint` field (JSON) must come first,
 * so it is validated — and the captcha, rate limits and Idempotency-Key checked — before any file
 * is read; then up to N `attachments` files, each streamed to the staging area with its size
 * counted as it arrives, its type decided by its bytes, and its name checked.
 */
export class MultipartSubmission {
  private readonly parts: AsyncIterableIterator<Multipart>;
  private total = 0;
  private staging?: StagingArea;

  constructor(
    request: FastifyRequest,
    private readonly limits: AttachmentLimits,
  ) {
    this.parts = request.parts({
      // Busboy would cut a name down to its last path segment; we want to see `../` to refuse it.
      preservePath: true,
      limits: {
        fields: 1,
        fieldSize: MAX_COMPLAINT_FIELD_BYTES,
        fieldNameSize: 100,
        files: limits.maxFiles,
        // One byte over the limit is enough to know the file is too large.
        fileSize: limits.maxFileBytes + 1,
        // Room for one part too many, so an extra file is reported as one, not as a bad form.
        parts: limits.maxFiles + 2,
        headerPairs: 100,
      },
    });
  }

  /** The parsed `complaint` field, which must be the first part. */
  async complaint(): Promise<unknown> {
    const first = await this.next();
    if (!first || first.type !== 'field' || first.fieldname !== COMPLAINT_FIELD) {
      throw refuse(
        400,
        IntakeErrorCodes.invalidMultipart,
        '表单的第一个字段须为 complaint（投诉内容 JSON），其后为附件',
      );
    }
    if (first.valueTruncated) {
      throw refuse(413, ErrorCodes.payloadTooLarge, '投诉内容过长');
    }
    return parseJson(String(first.value));
  }

  /** Reads the remaining parts as attachments, staged on local disk until {@link dispose}. */
  async attachments(): Promise<StagedAttachment[]> {
    const staged: StagedAttachment[] = [];
    for (let part = await this.next(); part; part = await this.next()) {
      this.staging ??= await StagingArea.create(this.limits.stagingDirectory);
      if (part.type !== 'file' || part.fieldname !== ATTACHMENT_FIELD) {
        throw refuse(
          400,
          IntakeErrorCodes.invalidMultipart,
          `complaint 之后只能是 ${ATTACHMENT_FIELD} 文件`,
        );
      }
      staged.push(await this.stage(part, this.staging));
    }
    return staged;
  }

  /** Removes the staged files, whatever became of the request. */
  async dispose(): Promise<void> {
    await this.staging?.remove();
  }

  private async stage(part: MultipartFile, staging: StagingArea): Promise<StagedAttachment> {
    const name = checkFileName(part.filename ?? '');
    if (!name.ok) {
      part.file.resume();
      throw refuse(
        400,
        IntakeErrorCodes.invalidFileName,
        `附件文件名不合法：${sanitizedForMessage(part.filename)}`,
      );
    }
    const id = randomUUID();
    const path = join(staging.directory, id);
    const hash = createHash('sha256');
    let size = 0;
    const limits = this.limits;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done: TransformCallback) => {
        size += chunk.length;
        this.total += chunk.length;
        if (size > limits.maxFileBytes) return done(tooLarge(limits, false));
        if (this.total > limits.maxTotalBytes) return done(tooLarge(limits, true));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(part.file, counter, createWriteStream(path)).catch((error: unknown) => {
      throw translate(error, limits);
    });
    if (size === 0) {
      throw refuse(400, IntakeErrorCodes.attachmentTypeNotAllowed, `附件「${name.name}」是空文件`);
    }
    const type = await detectAllowedType(path);
    if (!type) {
      throw refuse(
        400,
        IntakeErrorCodes.attachmentTypeNotAllowed,
        `附件「${name.name}」的类型不允许：仅支持图片（JPEG、PNG、WebP、GIF）、PDF 和 Office 文档`,
      );
    }
    const extension = extensionOf(name.name);
    let fileName = name.name;
    if (!extension || !isMeaningfulExtension(extension)) {
      fileName = `${name.name}.${type.extension}`;
    } else if (!type.names.includes(extension)) {
      throw refuse(
        400,
        IntakeErrorCodes.attachmentTypeMismatch,
        `附件「${name.name}」的扩展名与实际内容（${type.extension.toUpperCase()}）不符，请核对后重新上传`,
      );
    }
    return {
      id,
      fileName,
      contentType: type.contentType,
      sizeBytes: size,
      sha256: hash.digest('hex'),
      path,
    };
  }

  private async next(): Promise<Multipart | undefined> {
    try {
      const { value, done } = await this.parts.next();
      return done ? undefined : value;
    } catch (error) {
      throw translate(error, this.limits);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    // Own `__proto__`/`constructor.prototype` keys are how prototype poisoning starts; Fastify's
    // JSON parser refuses them for JSON bodies, and so does this for the form field.
    return JSON.parse(text, (key, value: unknown) => {
      if (
        key === '__proto__' ||
        (key === 'constructor' && typeof value === 'object' && value && 'prototype' in value)
      ) {
        throw new SyntaxError('prototype property');
      }
      return value;
    });
  } catch {
    throw refuse(400, ErrorCodes.malformedJson, 'complaint 字段不是有效的 JSON');
  }
}

function translate(error: unknown, limits: AttachmentLimits): Error {
  if (error instanceof HttpException) return error;
  switch ((error as { code?: string } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(limits, false);
    case 'FST_FILES_LIMIT':
      return refuse(400, IntakeErrorCodes.tooManyAttachments, `附件最多 ${limits.maxFiles} 个`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return refuse(
        400,
        IntakeErrorCodes.invalidMultipart,
        `表单只能包含 complaint 字段和最多 ${limits.maxFiles} 个附件`,
      );
    default:
      return refuse(400, IntakeErrorCodes.invalidMultipart, '表单格式不正确');
  }
}

/** A refused name is echoed only as far as it is harmless. */
function sanitizedForMessage(name: string | undefined): string {
  return (name ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?')
    .slice(0, 100);
}
