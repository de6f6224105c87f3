import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 答复模板. `search_vector` is written with raw SQL (the text's two-character pieces), so it is not mapped. */
@Entity('reply_template')
export class ReplyTemplateEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('text', { nullable: true }) domain: string | null;
  @Column('text', { nullable: true }) type: string | null;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('text') updatedBy: string;
  @Column('timestamptz') updatedAt: Date;
}
