import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  PolicyArticleRequest,
  PolicyArticleResponse,
  ReplyTemplateRequest,
  ReplyTemplateResponse,
} from '@minsheng/contracts';
import { AuditTrail } from '@minsheng/audit';
import { Clock } from '../clock.js';
import { KnowledgeBase } from './knowledge-base.js';
import { PolicyArticleEntity } from './policy-article.entity.js';
import { ReplyTemplateEntity } from './reply-template.entity.js';

/** 答复模板: the leader's office's wording for common replies. */
@Injectable()
export class ReplyTemplates extends KnowledgeBase<
  ReplyTemplateEntity,
  ReplyTemplateRequest,
  ReplyTemplateResponse
> {
  constructor(dataSource: DataSource, audit: AuditTrail, clock: Clock) {
    super(
      {
        table: 'reply_template',
        entity: ReplyTemplateEntity,
        noun: '答复模板',
        auditType: 'reply-template',
        extraText: (r) => [r.domain ?? '', r.type ?? ''],
        fields: (r) => ({ title: r.title, body: r.body, domain: r.domain, type: r.type }),
        toResponse: (e) => ({
          id: e.id,
          divisionCode: e.divisionCode,
          title: e.title,
          body: e.body,
          domain: e.domain,
          type: e.type as ReplyTemplateResponse['type'],
          updatedBy: e.updatedBy,
          updatedAt: e.updatedAt.toISOString(),
        }),
      },
      dataSource,
      audit,
      clock,
    );
  }
}

/** 政策知识库: policy documents staff cite to explain policy in a reply. */
@Injectable()
export class PolicyArticles extends KnowledgeBase<
  PolicyArticleEntity,
  PolicyArticleRequest,
  PolicyArticleResponse
> {
  constructor(dataSource: DataSource, audit: AuditTrail, clock: Clock) {
    super(
      {
        table: 'policy_article',
        entity: PolicyArticleEntity,
        noun: '政策文件',
        auditType: 'policy-article',
        extraText: (r) => [r.issuer, r.documentNumber ?? ''],
        fields: (r) => ({
          title: r.title,
          body: r.body,
          documentNumber: r.documentNumber,
          issuer: r.issuer,
          effectiveOn: r.effectiveOn,
          sourceUrl: r.sourceUrl,
        }),
        toResponse: (e) => ({
          id: e.id,
          divisionCode: e.divisionCode,
          title: e.title,
          body: e.body,
          documentNumber: e.documentNumber,
          issuer: e.issuer,
          effectiveOn: e.effectiveOn,
          sourceUrl: e.sourceUrl,
          updatedBy: e.updatedBy,
          updatedAt: e.updatedAt.toISOString(),
        }),
      },
      dataSource,
      audit,
      clock,
    );
  }
}
