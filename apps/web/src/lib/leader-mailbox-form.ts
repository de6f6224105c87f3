import {
  LEADER_POSTS,
  MailboxErrorCodes,
  type CreateLeaderMailboxRequest,
  type LeaderMailboxAdminResponse,
  type LeaderPost,
  type UpdateLeaderMailboxRequest,
} from '@minsheng/contracts';
import { findDivision } from '@minsheng/domain';
import { citizenText } from './validation.js';

/** What the add and edit dialogs edit; `leaderName` '' is "no name shown". */
export interface LeaderMailboxForm {
  id: string;
  divisionCode: string;
  post: LeaderPost | '';
  title: string;
  leaderName: string;
  teamOrganId: string;
}

export type LeaderMailboxField = keyof LeaderMailboxForm;

/**
 * A mailbox as the panel knows it: the public list gives no team and only open mailboxes;
 * what the administrator created or edited here comes back whole from the service.
 */
export type KnownLeaderMailbox = LeaderMailboxAdminResponse;

export const emptyLeaderMailboxForm = (divisionCode = ''): LeaderMailboxForm => ({
  id: '',
  divisionCode,
  post: '',
  title: '',
  leaderName: '',
  teamOrganId: '',
});

export const formOfMailbox = (mailbox: KnownLeaderMailbox): LeaderMailboxForm => ({
  id: mailbox.id,
  divisionCode: mailbox.divisionCode,
  post: mailbox.post,
  title: mailbox.title,
  leaderName: mailbox.leaderName ?? '',
  teamOrganId: mailbox.teamOrganId ?? '',
});

// The contracts' mailboxIdSchema and organIdSchema, to refuse here what intake would refuse.
const MAILBOX_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const ORGAN_ID = /^\d{6}-[a-z0-9-]{1,40}$/;

export interface LeaderMailboxFault {
  field: LeaderMailboxField;
  key: string;
}

/**
 * Every field at fault with its message key, as createLeaderMailboxRequestSchema (or, when
 * editing, updateLeaderMailboxRequestSchema, whose team may stay unknown) would find it.
 */
export function validateLeaderMailbox(
  form: LeaderMailboxForm,
  mode: 'create' | 'edit',
): LeaderMailboxFault[] {
  const faults: LeaderMailboxFault[] = [];
  if (mode === 'create') {
    if (!form.id) faults.push({ field: 'id', key: 'validation.required' });
    else if (!MAILBOX_ID.test(form.id))
      faults.push({ field: 'id', key: 'admin.mailboxForm.badId' });
    if (!form.divisionCode) {
      faults.push({ field: 'divisionCode', key: 'admin.mailboxForm.divisionRequired' });
    } else if (!findDivision(form.divisionCode)) {
      faults.push({ field: 'divisionCode', key: 'admin.mailboxForm.unknownDivision' });
    }
    if (!(LEADER_POSTS as readonly string[]).includes(form.post)) {
      faults.push({ field: 'post', key: 'admin.mailboxForm.postRequired' });
    }
  }
  const title = citizenText(50)(form.title);
  if (title) faults.push({ field: 'title', key: title });
  const leaderName = citizenText(20, false)(form.leaderName);
  if (leaderName) faults.push({ field: 'leaderName', key: leaderName });
  if (mode === 'create' && !form.teamOrganId) {
    faults.push({ field: 'teamOrganId', key: 'admin.mailboxForm.teamRequired' });
  } else if (form.teamOrganId && !ORGAN_ID.test(form.teamOrganId)) {
    faults.push({ field: 'teamOrganId', key: 'admin.mailboxForm.badTeam' });
  }
  return faults;
}

/** The body of `POST /api/complaint-intake/v1/leader-mailboxes` (call only when valid). */
export function toCreateRequest(form: LeaderMailboxForm): CreateLeaderMailboxRequest {
  return {
    id: form.id,
    divisionCode: form.divisionCode,
    post: form.post as LeaderPost,
    title: form.title.trim(),
    leaderName: form.leaderName.trim() || null,
    teamOrganId: form.teamOrganId,
  };
}

/**
 * The body of `PATCH …/leader-mailboxes/:id`: only what changed (the service refuses an empty
 * one, so null means there is nothing to send). A team left blank stays as it is.
 */
export function toUpdateRequest(
  before: KnownLeaderMailbox,
  form: LeaderMailboxForm,
): UpdateLeaderMailboxRequest | null {
  const changes: UpdateLeaderMailboxRequest = {};
  const title = form.title.trim();
  if (title !== before.title) changes.title = title;
  const leaderName = form.leaderName.trim() || null;
  if (leaderName !== before.leaderName) changes.leaderName = leaderName;
  if (form.teamOrganId && form.teamOrganId !== before.teamOrganId) {
    changes.teamOrganId = form.teamOrganId;
  }
  return Object.keys(changes).length ? changes : null;
}

/** A field path in intake's refusal → the form's field. */
export function mailboxFieldOf(path: string): LeaderMailboxField | null {
  const head = path.split('.')[0];
  return head in emptyLeaderMailboxForm() ? (head as LeaderMailboxField) : null;
}

/**
 * The message key of a refusal code intake names, where the panel words it itself (the
 * VALIDATION_FAILED messages come already worded from the contracts' schemas).
 */
export function mailboxRefusalKey(code: string): string | null {
  switch (code) {
    case 'UNKNOWN_DIVISION':
      return 'admin.mailboxForm.unknownDivision';
    case MailboxErrorCodes.mailboxNotHere:
      return 'admin.mailboxForm.notHere';
    case MailboxErrorCodes.mailboxIdTaken:
      return 'admin.mailboxForm.idTaken';
    case 'NOT_FOUND':
      return 'admin.mailboxForm.notFound';
    default:
      return null;
  }
}
