import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 定期浏览: who looked at a board's new messages, and when. */
@Entity('board_browse')
export class BoardBrowseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') boardId: string;
  @Column('text') userId: string;
  @Column('timestamptz') browsedAt: Date;
  @Column('int') unclaimed: number;
}
