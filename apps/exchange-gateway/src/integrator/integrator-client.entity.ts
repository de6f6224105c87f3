import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IntegratorScope } from '@minsheng/contracts';

/** A system outside the platform that signs its requests with a shared secret. */
@Entity('integrator_client')
export class IntegratorClientEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  /** FieldCipher ciphertext: HMAC needs the secret itself, so it cannot be hashed. */
  @Column('text') secretEncrypted: string;
  /** Keyed hash of the Open311 api_key (a bearer key, so a hash is enough). */
  @Column('text', { nullable: true }) open311ApiKeyHash: string | null;
  @Column('text', { array: true }) scopes: IntegratorScope[];
  @Column('text', { array: true }) allowedDivisions: string[];
  @Column('int') rateLimitPerMinute: number;
  @Column('text') status: 'active' | 'disabled';
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') secretRotatedAt: Date;
  @Column('timestamptz', { nullable: true }) disabledAt: Date | null;
}
