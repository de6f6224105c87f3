import { createHash } from 'node:crypto';
import {
  DIVISION_TABLE,
  allowedActions,
  currentDeadline,
  divisionTier,
  findDivision,
  parentDivisionCode,
  registerPetition,
  residentIdCheckCharacter,
  transition,
  PETITION_TRANSITIONS,
  type DeadlineCalendar,
  type PetitionAction,
  type PetitionCaseState,
  type PetitionStatus,
  type WorkflowActor,
} from '@minsheng/domain';
import type { Channel, ComplaintKind } from '@minsheng/contracts';
import { Random, identifierBytes, uuidFrom } from './random.js';
import {
  CHANNEL_WEIGHTS,
  DEPARTMENT_OF_AREA,
  GIVEN_NAME_CHARACTERS,
  KIND_WEIGHTS,
  MATTERS,
  MONTH_WEIGHTS,
  OFFICE_RATING_WEIGHTS,
  ORGAN_RATING_WEIGHTS,
  PLACES,
  SURNAMES,
  type RatingLevel,
  type Weighted,
} from './vocabulary.js';

const DAY = 86_400_000;

export interface GeneratorOptions {
  seed: number;
  /** The instance's division: its counties get the cases. */
  division: string;
  /** Cases are registered over this many years up to `until`. */
  years: number;
  /** The end of the period (the data's "now"); fixed so a seed always gives the same data. */
  until: Date;
  calendar: DeadlineCalendar;
  warningDays: number;
}

export interface TimelineStep {
  at: Date;
  action: string;
  actorId: string;
  actorRoles: string[];
  actorOrganId: string | null;
  fromStatus: PetitionStatus | null;
  toStatus: PetitionStatus;
}

export interface Petitioner {
  name: string;
  idNumber: string;
  phone: string;
}

export interface GeneratedCase {
  number: number;
  id: string;
  kind: ComplaintKind;
  channel: Channel;
  categoryCode: string;
  title: string;
  content: string;
  address: string;
  divisionCode: string;
  petitioner: Petitioner;
  state: PetitionCaseState;
  steps: TimelineStep[];
  /** Supervision's record of what it already reported, so a fresh instance does not re-alert. */
  warnedFor: string | null;
  overdueFor: string | null;
  nextAlertAt: Date | null;
  /** The deadline the case waits on now (the worklists' and supervision's index). */
  nextDeadline: { kind: string; dueAt: Date } | null;
  replyPublicConsent: boolean;
  /** Online submissions also exist in intake. */
  complaint: {
    id: string;
    trackingCode: string;
    queryCode: string;
    queryCodeHash: string;
    submittedAt: Date;
  } | null;
  rating: { office: RatingLevel; organ: RatingLevel; ratedAt: Date } | null;
}

/** Counties of a division (itself when it is a county), with how busy each one is. */
export function countiesOf(division: string): Weighted<string> {
  const tier = divisionTier(division);
  const codes =
    tier === 'county'
      ? [division]
      : DIVISION_TABLE.map(([code]) => code).filter(
          (code) =>
            divisionTier(code) === 'county' &&
            code.startsWith(tier === 'province' ? division.slice(0, 2) : division.slice(0, 4)),
        );
  if (codes.length === 0) throw new Error(`no counties under ${division}`);
  // Chengdu's districts and urban districts (区) see more petitions than rural counties.
  return codes.map((code) => {
    const name = findDivision(code)?.name ?? '';
    const weight = (code.startsWith('5101') ? 3 : 1) * (name.endsWith('区') ? 1.5 : 1);
    return [code, weight] as const;
  });
}

/** The counties' governments, offices and departments, parents first. */
export function organsFor(
  counties: readonly string[],
): Array<[id: string, name: string, kind: string, division: string, parent: string | null]> {
  const rows: Array<[string, string, string, string, string | null]> = [];
  const seen = new Set<string>();
  const add = (division: string) => {
    if (seen.has(division)) return;
    const parent = parentDivisionCode(division);
    if (parent) add(parent);
    seen.add(division);
    const prefix = findDivision(division)?.fullName ?? division;
    const gov = `${division}-gov`;
    rows.push([gov, `${prefix}人民政府`, 'government', division, parent ? `${parent}-gov` : null]);
    rows.push([`${division}-xfj`, `${prefix}信访局`, 'petition-office', division, gov]);
    for (const [suffix, name] of DEPARTMENTS_BY_TIER(division)) {
      rows.push([`${division}-${suffix}`, `${prefix}${name}`, 'department', division, gov]);
    }
  };
  for (const county of counties) add(county);
  return rows;
}

// The province's departments keep the demo organs' ids (`510000-zjt`); cities and counties use 局.
function DEPARTMENTS_BY_TIER(division: string): ReadonlyArray<readonly [string, string]> {
  if (divisionTier(division) !== 'province') return LOWER_DEPARTMENTS;
  return [
    ['zjt', '住房和城乡建设厅'],
    ['jtt', '交通运输厅'],
    ['rst', '人力资源和社会保障厅'],
    ['zrt', '自然资源厅'],
    ['sthjt', '生态环境厅'],
    ['scjgj', '市场监督管理局'],
    ['jyt', '教育厅'],
  ];
}

const LOWER_DEPARTMENTS: ReadonlyArray<readonly [string, string]> = [
  ['zjj', '住房和城乡建设局'],
  ['jtj', '交通运输局'],
  ['rsj', '人力资源和社会保障局'],
  ['zrj', '规划和自然资源局'],
  ['sthjj', '生态环境局'],
  ['scjgj', '市场监督管理局'],
  ['jyj', '教育局'],
];

const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const MATTER_WEIGHTS: Weighted<number> = MATTERS.map((m, i) => [i, m.weight] as const);

const staff = (role: string, organId: string, divisionCode: string): WorkflowActor => ({
  kind: 'staff',
  roles: [role],
  organId,
  divisionCode,
});

/**
 * Makes case number `n` of a seed: where and when it was registered, what about, by whom, and how
 * far the workflow got by `until` — each step through the domain's own `transition`, so statuses,
 * deadlines and late acts are exactly what the service would have stored.
 */
export class CaseGenerator {
  private readonly counties: Weighted<string>;
  private readonly countyCodes: string[];
  private readonly start: number;
  private readonly span: number;

  constructor(private readonly options: GeneratorOptions) {
    this.counties = countiesOf(options.division);
    this.countyCodes = this.counties.map(([code]) => code);
    this.span = options.years * 365 * DAY;
    this.start = options.until.getTime() - this.span;
  }

  get divisions(): readonly string[] {
    return this.countyCodes;
  }

  generate(n: number): GeneratedCase {
    const r = new Random(this.options.seed, n);
    const divisionCode = r.weighted(this.counties);
    const channel = r.weighted(CHANNEL_WEIGHTS);
    const kind = r.weighted(KIND_WEIGHTS);
    const matter = MATTERS[r.weighted(MATTER_WEIGHTS)]!;
    const place = r.pick(PLACES);
    const count = String(r.int(2, 9));
    const fill = (text: string) => text.replaceAll('{place}', place).replaceAll('{n}', count);
    const registeredAt = this.registrationTime(r, channel);
    const petitioner = this.petitioner(
      // One petitioner in ten comes back with another matter (重复信访 is common).
      n > 10 && r.chance(0.1) ? r.int(0, n - 1) : n,
      divisionCode,
    );
    const id = uuidFrom(this.options.seed, n, 'case');
    const office = `${divisionCode}-xfj`;
    const registered = registerPetition(
      { id, divisionCode, registeringOrganId: office },
      { kind: 'system' },
      registeredAt,
      this.options.calendar,
    );
    if (!registered.ok) throw new Error(`case ${n}: ${registered.message}`);
    const steps: TimelineStep[] = [
      {
        at: registeredAt,
        action: 'registered',
        actorId: 'system',
        actorRoles: [],
        actorOrganId: office,
        fromStatus: null,
        toStatus: 'registered',
      },
    ];
    const state = this.handle(r, registered.state, matter.category, steps);
    const complaint =
      channel === 'online' ? this.complaint(n, new Date(registeredAt.getTime() - 2_000)) : null;
    const rating =
      complaint && state.concludedAt && r.chance(0.75)
        ? {
            office: r.weighted(OFFICE_RATING_WEIGHTS),
            organ: r.weighted(ORGAN_RATING_WEIGHTS),
            ratedAt: new Date(state.concludedAt.getTime() + r.int(1, 10) * DAY),
          }
        : null;
    const alerts = this.alerts(state);
    return {
      number: n,
      id,
      kind,
      channel,
      categoryCode: matter.category,
      title: fill(matter.title),
      content: fill(matter.content),
      address: `${findDivision(divisionCode)?.fullName ?? ''}${place}`,
      divisionCode,
      petitioner,
      state,
      steps,
      ...alerts,
      replyPublicConsent: r.chance(0.3),
      complaint,
      rating: rating && rating.ratedAt.getTime() <= this.options.until.getTime() ? rating : null,
    };
  }

  /** Seasonal: by month, fewer on weekends, office hours for every channel but online. */
  private registrationTime(r: Random, channel: Channel): Date {
    for (;;) {
      const day = this.start + Math.floor(r.next() * (this.span / DAY)) * DAY;
      const date = new Date(day + 8 * 3_600_000); // the China day
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      const weight = MONTH_WEIGHTS[date.getUTCMonth()]! * (weekend ? 0.45 : 1);
      if (r.next() * 1.2 > weight) continue;
      const hour = channel === 'online' ? r.int(0, 23) : r.int(9, 17);
      // China time hour → UTC instant.
      return new Date(day + (hour - 8) * 3_600_000 + r.int(0, 3_599) * 1_000);
    }
  }

  private petitioner(k: number, divisionCode: string): Petitioner {
    const r = new Random(this.options.seed ^ 0x5eed, k);
    const home = r.chance(0.8) ? divisionCode : r.pick(this.countyCodes);
    const birth = new Date(Date.UTC(1945 + r.int(0, 60), r.int(0, 11), r.int(1, 28)));
    const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `${home}${ymd}${String(r.int(0, 999)).padStart(3, '0')}`;
    const given =
      r.pick(GIVEN_NAME_CHARACTERS) + (r.chance(0.6) ? r.pick(GIVEN_NAME_CHARACTERS) : '');
    return {
      name: r.weighted(SURNAMES) + given,
      idNumber: first17 + residentIdCheckCharacter(first17),
      phone: `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
    };
  }

  private complaint(n: number, submittedAt: Date) {
    // 5 bits a character, as intake draws them.
    const code = (purpose: string, length: number) => {
      const bytes = identifierBytes(this.options.seed, n, purpose);
      return Array.from({ length }, (_, i) => TRACKING_ALPHABET[bytes[i]! & 31]).join('');
    };
    const trackingCode = `T${code('tracking', 11)}`;
    const queryCode = code('query', 8);
    return {
      id: uuidFrom(this.options.seed, n, 'complaint'),
      trackingCode,
      queryCode,
      // The same hash intake keeps (complaint-intake's tracking-codes.ts).
      queryCodeHash: createHash('sha256').update(`${trackingCode}:${queryCode}`).digest('hex'),
      submittedAt,
    };
  }

  /**
   * Routes, accepts, replies and concludes, each after a realistic delay; a few are declined, sent
   * to court, extended or reviewed. Most acts are on time, some late. Steps after `until` stay
   * undone, so recent cases are open and some of them overdue.
   */
  private handle(
    r: Random,
    initial: PetitionCaseState,
    category: string,
    steps: TimelineStep[],
  ): PetitionCaseState {
    const d = initial.divisionCode;
    const office = `${d}-xfj`;
    const lead = `${d}-${DEPARTMENT_OF_AREA[category.slice(0, 2)] ?? 'zjj'}`;
    const clerk = staff('clerk', office, d);
    const handler = staff('handler', lead, d);
    const until = this.options.until.getTime();
    let state = initial;
    const act = (action: PetitionAction, actor: WorkflowActor, afterDays: number): boolean => {
      const at = new Date(state.updatedAt.getTime() + Math.max(0.01, afterDays) * DAY);
      if (at.getTime() > until) return false;
      const result = transition(state, action, actor, at, this.options.calendar);
      if (!result.ok) throw new Error(`${action.type} from ${state.status}: ${result.message}`);
      const staffActor = actor.kind === 'staff' ? actor : null;
      steps.push({
        at,
        action: action.type,
        actorId: staffActor ? `seed-${staffActor.roles[0]}-${staffActor.organId}` : 'petitioner',
        actorRoles: staffActor ? [...staffActor.roles] : [],
        actorOrganId: staffActor?.organId ?? null,
        fromStatus: state.status,
        toStatus: result.state.status,
      });
      state = result.state;
      return true;
    };
    // One in twelve acts is late: the delay runs well past the statutory period (which counts
    // working days in the default mode, hence the margin).
    const delay = (mean: number, limit: number) =>
      r.chance(1 / 12) ? limit * 1.5 + r.int(1, 20) : Math.min(limit * 0.9, r.exponential(mean));

    if (r.chance(0.02)) {
      act(
        { type: 'route-to-litigation', legalRoute: 'litigation', reason: '属于诉讼程序处理事项' },
        clerk,
        delay(3, 15),
      );
      return state;
    }
    const assign = r.chance(0.15);
    const routed = act(
      assign
        ? { type: 'assign', leadOrganId: lead, reportWithinDays: 30 }
        : { type: 'transfer', leadOrganId: lead },
      clerk,
      delay(3, 15),
    );
    if (!routed) return state;
    if (r.chance(0.05)) {
      act({ type: 'decline', reason: '不属于本机关职责范围' }, handler, delay(4, 15));
      return state;
    }
    if (!act({ type: 'accept' }, handler, delay(4, 15))) return state;
    const extended = r.chance(0.08);
    if (extended) {
      if (
        !act(
          { type: 'request-extension', days: 30, reason: '情况复杂，需进一步调查核实' },
          handler,
          40 + r.int(0, 15),
        )
      )
        return state;
      if (!act({ type: 'approve-extension' }, staff('leader', lead, d), r.int(1, 3))) return state;
    }
    if (!act({ type: 'reply' }, handler, delay(25, extended ? 30 : 55))) return state;
    if (!act({ type: 'conclude' }, handler, r.int(1, 7))) return state;
    if (!r.chance(0.04)) return state;
    const reviewOrgan = `${d}-gov`;
    if (
      !act(
        { type: 'request-review', reviewOrganId: reviewOrgan },
        { kind: 'petitioner' },
        r.int(3, 20),
      )
    )
      return state;
    if (!act({ type: 'decide-review' }, staff('handler', reviewOrgan, d), delay(15, 30)))
      return state;
    return state;
  }

  /**
   * What supervision would already have recorded: a deadline past is reported overdue, one within
   * the warning period is warned about; the next alert instant follows from that.
   */
  private alerts(state: PetitionCaseState) {
    const deadline = currentDeadline(state);
    if (!deadline)
      return { warnedFor: null, overdueFor: null, nextAlertAt: null, nextDeadline: null };
    const nextDeadline = { kind: deadline.kind, dueAt: deadline.dueAt };
    const key = `${deadline.kind}@${deadline.dueAt.toISOString()}`;
    const due = deadline.dueAt.getTime();
    const now = this.options.until.getTime();
    if (due < now) return { warnedFor: key, overdueFor: key, nextAlertAt: null, nextDeadline };
    if (due - this.options.warningDays * DAY < now)
      return { warnedFor: key, overdueFor: null, nextAlertAt: new Date(due + 1), nextDeadline };
    const nextAlertAt = new Date(due - this.options.warningDays * DAY);
    return { warnedFor: null, overdueFor: null, nextAlertAt, nextDeadline };
  }
}

/** `<organId>:<role>` of whoever the case waits for (the petition service's rule). */
export function actingParties(state: PetitionCaseState): string[] {
  const parties = new Set<string>();
  const unrouted = state.status === 'registered' || state.status === 'returned';
  for (const action of allowedActions(state.status)) {
    if (action === 'link-final-case') continue;
    for (const party of PETITION_TRANSITIONS[action].staff) {
      if (party.onlyFrom && !party.onlyFrom.includes(state.status)) continue;
      const organ =
        party.organ === 'registering'
          ? state.registeringOrganId
          : party.organ === 'responsible'
            ? unrouted
              ? state.registeringOrganId
              : state.responsibleOrganId
            : party.organ === 'review'
              ? state.reviewOrganId
              : state.reexaminationOrganId;
      if (organ) parties.add(`${organ}:${party.role}`);
    }
  }
  return [...parties].sort();
}
