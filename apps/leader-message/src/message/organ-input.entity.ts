import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 会办: one assigned organ's input on a message, given before the reply is drafted. */
@Entity('organ_input')
export class OrganInputEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') messageId: string;
  @Column('text') organId: string;
  @Column('text') organRole: 'lead' | 'co';
  @Column('text') text: string;
  @Column('text') givenBy: string;
  @Column('timestamptz') givenAt: Date;
}
