import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { BookingHallEntity } from './booking/booking-hall.entity.js';
import { BookingEntity } from './booking/booking.entity.js';
import { CalendarSubscriptionEntity } from './calendar/calendar-subscription.entity.js';
import { ReceptionHallEntity } from './hall/reception-hall.entity.js';
import { CreateVideoReceptionTables1764401000000 } from './migrations/1764401000000-create-video-reception-tables.js';
import { CreateCalendarSubscriptions1764402000000 } from './migrations/1764402000000-create-calendar-subscriptions.js';
import { BookingNoticeEntity } from './notification/booking-notice.entity.js';
import { CaseOwnershipEntity } from './record/case-ownership.entity.js';
import { ReceptionRecordEntity } from './record/reception-record.entity.js';
import { ReceptionDayEntity } from './schedule/reception-day.entity.js';
import { ReceptionScheduleEntity } from './schedule/reception-schedule.entity.js';

export const entities = [
  ReceptionHallEntity,
  ReceptionScheduleEntity,
  ReceptionDayEntity,
  BookingEntity,
  BookingHallEntity,
  BookingNoticeEntity,
  ReceptionRecordEntity,
  CaseOwnershipEntity,
  CalendarSubscriptionEntity,
];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  CreateVideoReceptionTables1764401000000,
  CreateCalendarSubscriptions1764402000000,
];

/** Columns holding field ciphertext, re-encrypted by `rotate-field-keys` after a key change. */
export const encryptedColumns = [
  {
    table: 'booking',
    columns: ['petitioner_id_number_encrypted', 'petitioner_phone_encrypted'],
  },
];
