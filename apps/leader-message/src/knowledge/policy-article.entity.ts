import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 政策知识库: one policy document. `search_vector` is written with raw SQL, so it is not mapped. */
@Entity('policy_article')
export class PolicyArticleEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('text', { nullable: true }) documentNumber: string | null;
  @Column('text') issuer: string;
  @Column('date', { nullable: true }) effectiveOn: string | null;
  @Column('text', { nullable: true }) sourceUrl: string | null;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('text') updatedBy: string;
  @Column('timestamptz') updatedAt: Date;
}
