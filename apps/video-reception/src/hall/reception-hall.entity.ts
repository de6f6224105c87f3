import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reception hall (接访厅): a room with a video terminal, in a county, city or province. */
@Entity('reception_hall')
export class ReceptionHallEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('boolean')
  active: boolean;

  @Column('text')
  createdBy: string;

  @Column('timestamptz')
  createdAt: Date;
}
