import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  leaderMessageRatedEvent,
  type ImportMessagesResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { BoardEntity } from '../board/board.entity.js';
import { Clock } from '../clock.js';
import { notFound } from '../leader-message.errors.js';
import { BoardMessageEntity } from '../message/board-message.entity.js';
import { messageRef } from '../message/message-events.js';
import { MessageIntake } from '../sync/message-intake.js';
import {
  parseBoardExport,
  parseExportRecords,
  type ExportRow,
  type ImportFault,
} from './board-export.parser.js';
import { readWorkbook } from './workbook-export.reader.js';

const CHUNK = 1_000;

/**
 * The import path for offices that only have the board's web back office: staff upload the
 * board's export. All or nothing: a file with any bad row is refused whole, every fault named by
 * row and field; a good one is stored in one transaction. The board's message id keeps a
 * re-uploaded or overlapping export from storing a message twice. Stars in the export are
 * recorded on published, not yet rated messages (the import path's "read the rating").
 */
@Injectable()
export class ImportMessagesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intake: MessageIntake,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    boardId: string,
    upload: { csv: string } | { workbook: Buffer },
  ): Promise<ImportMessagesResponse> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(boardId);
    const board = uuid
      ? await this.dataSource.getRepository(BoardEntity).findOneBy({ id: boardId })
      : null;
    if (!board || !coversDivision(principal, board.divisionCode)) throw notFound('留言板不存在');
    const { rows, faults } = await parseUpload(upload);
    if (faults.length > 0) throw invalidImport(faults);

    const unique = [...new Map(rows.map((r) => [r.message.externalId, r])).values()];
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      let inserted = 0;
      for (let i = 0; i < unique.length; i += CHUNK) {
        const chunk = unique.slice(i, i + CHUNK).map((r) => r.message);
        inserted += await this.intake.ingest(tx, board, chunk, now);
      }
      const ratingsRecorded = await this.recordRatings(tx, board, unique);
      await this.audit.record(
        {
          action: 'leader-message.messages-imported',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board', id: board.id },
          divisionCode: board.divisionCode,
          details: { rows: rows.length, inserted, ratingsRecorded },
        },
        tx,
      );
      return { rows: rows.length, inserted, duplicates: unique.length - inserted, ratingsRecorded };
    });
  }

  private async recordRatings(
    tx: EntityManager,
    board: BoardEntity,
    rows: ExportRow[],
  ): Promise<number> {
    const rated = new Map(
      rows.filter((r) => r.rating).map((r) => [r.message.externalId, r.rating!]),
    );
    if (rated.size === 0) return 0;
    const messages = await tx.find(BoardMessageEntity, {
      where: {
        boardId: board.id,
        externalId: In([...rated.keys()]),
        status: 'published',
        ratedAt: IsNull(),
      },
      lock: { mode: 'pessimistic_write' },
    });
    for (const m of messages) {
      const rating = rated.get(m.externalId)!;
      await tx.update(
        BoardMessageEntity,
        { id: m.id },
        {
          ratingAttitude: rating.attitude,
          ratingSpeed: rating.speed,
          ratedAt: rating.ratedAt,
          ratingCheckedAt: this.clock.now(),
        },
      );
      await this.events.publish(
        tx,
        leaderMessageRatedEvent,
        {
          ...messageRef(m),
          attitude: rating.attitude,
          speed: rating.speed,
          ratedAt: rating.ratedAt.toISOString(),
        },
        { divisionCode: m.divisionCode, occurredAt: rating.ratedAt },
      );
    }
    return messages.length;
  }
}

function invalidImport(faults: ImportFault[]): BadRequestException {
  return new BadRequestException({
    code: Codes.invalidImport,
    message: `导入文件有 ${faults.length} 处错误，未导入任何留言`,
    fields: faults.map((f) => ({
      path: f.row === null ? f.field : `rows.${f.row}.${f.field}`,
      row: f.row,
      code: f.code,
      message: f.message,
    })),
  });
}

async function parseUpload(upload: { csv: string } | { workbook: Buffer }) {
  if ('csv' in upload) return parseBoardExport(upload.csv);
  const read = await readWorkbook(upload.workbook);
  return 'faults' in read ? { rows: [], faults: read.faults } : parseExportRecords(read.records);
}
