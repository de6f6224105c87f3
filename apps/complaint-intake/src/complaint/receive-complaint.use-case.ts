import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ErrorCodes,
  submitComplaintRequestSchema,
  type LeaderAddressee,
  type SubmitComplaintRequest,
  type SubmitComplaintResponse,
} from '@minsheng/contracts';
import { PersonalData, ZodValidationPipe } from '@minsheng/runtime';
import { MultipartSubmission } from '../attachment/multipart-submission.js';
import type { StagedAttachment } from '../attachment/staged-attachment.js';
import { CategoryCatalog } from '../category/category-catalog.js';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { Captcha } from '../protection/captcha.js';
import { clientAddressKey } from '../protection/client-address.js';
import { Idempotency, type StoredResult } from '../protection/idempotency.js';
import { SlidingWindowRateLimiter } from '../protection/sliding-window-rate-limiter.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';

export interface Received {
  status: number;
  body: SubmitComplaintResponse;
  /** The first result of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export interface ReceiveOptions {
  ip: string;
  idempotencyKey?: string;
  /** The mailbox door: the leader addressed, and a check the matter is in the leader's division. */
  mailbox?: {
    addressee: LeaderAddressee;
    check: (request: SubmitComplaintRequest) => void;
  };
}

interface Source {
  raw(): Promise<unknown>;
  attachments(): Promise<StagedAttachment[]>;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;
const validate = new ZodValidationPipe(submitComplaintRequestSchema);

/**
 * The public door, JSON or multipart: the cheap refusals first (address rate limit, schema,
 * category), then — once per Idempotency-Key — the captcha, the petitioner's rate limit, the
 * attachments and the stored complaint. The captcha is spent only on an otherwise valid request,
 * and a retry replays the first result without needing a fresh one.
 */
@Injectable()
export class ReceiveComplaintUseCase {
  constructor(
    private readonly submit: SubmitComplaintUseCase,
    private readonly categories: CategoryCatalog,
    private readonly captcha: Captcha,
    private readonly rateLimiter: SlidingWindowRateLimiter,
    private readonly idempotency: Idempotency,
    private readonly personalData: PersonalData,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  fromJson(body: unknown, options: ReceiveOptions): Promise<Received> {
    return this.receive({ raw: async () => body, attachments: async () => [] }, options);
  }

  async fromMultipart(request: FastifyRequest, options: ReceiveOptions): Promise<Received> {
    const form = new MultipartSubmission(request, {
      maxFiles: this.config.ATTACHMENT_MAX_FILES,
      maxFileBytes: this.config.ATTACHMENT_MAX_FILE_BYTES,
      maxTotalBytes: this.config.ATTACHMENT_MAX_TOTAL_BYTES,
      stagingDirectory: this.config.ATTACHMENT_STAGING_DIR,
    });
    try {
      return await this.receive(
        { raw: () => form.complaint(), attachments: () => form.attachments() },
        options,
      );
    } finally {
      await form.dispose();
    }
  }

  private async receive(
    source: Source,
    { ip, idempotencyKey, mailbox }: ReceiveOptions,
  ): Promise<Received> {
    await this.rateLimiter.submissionFromAddress(clientAddressKey(ip));
    const key = checkIdempotencyKey(idempotencyKey);
    const request = validate.transform(await source.raw());
    await this.categories.require(request.categoryCode);
    mailbox?.check(request);
    // Protected once, here: its lookup hash scopes the key and the petitioner's rate limit, and
    // the stored complaint takes both.
    const idNumber = this.personalData.idNumber(request.petitioner.idNumber);
    // A key reused for another leader's mailbox is another request, not a replay.
    const scopedKeyHash = key
      ? this.idempotency.scopedKeyHash(
          mailbox ? `${key}@${mailbox.addressee.mailboxId}` : key,
          idNumber.lookupHash,
        )
      : null;

    const work = async (): Promise<StoredResult<SubmitComplaintResponse>> => {
      await this.captcha.verify(request.captchaId, request.captchaAnswer);
      await this.rateLimiter.submissionByPetitioner(idNumber.lookupHash);
      const attachments = await source.attachments();
      const body = await this.submit.execute(request, {
        idNumber,
        ip,
        idempotencyKeyHash: scopedKeyHash,
        attachments,
        addressee: mailbox?.addressee,
      });
      return { status: 201, body };
    };

    if (!scopedKeyHash) return { ...(await work()), replayed: false };
    const outcome = await this.idempotency.run(scopedKeyHash, fingerprint(request), work);
    return { ...outcome.result, replayed: outcome.replayed };
  }
}

/** What makes two submissions "the same" for a key: everything but the captcha. */
function fingerprint(request: SubmitComplaintRequest): string {
  const { captchaId: _id, captchaAnswer: _answer, ...rest } = request;
  return Idempotency.fingerprint(rest);
}

function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (IDEMPOTENCY_KEY.test(key)) return key;
  const message = 'Idempotency-Key 应为 8 至 200 个可见 ASCII 字符（建议使用 UUID）';
  throw new BadRequestException({
    code: ErrorCodes.validationFailed,
    message,
    fields: [{ path: 'Idempotency-Key', code: ErrorCodes.validationFailed, message }],
  });
}
