import { isWithinJurisdiction, parentDivisionCode } from '@minsheng/domain';

export type Direction = 'parent' | 'child';

/** Why an envelope may not be accepted from this neighbour. */
export class JurisdictionError extends Error {}

/**
 * This instance's place in the provincial network: its parent and children, the JetStream
 * stream and subject names of each link, and where an envelope goes next. Stream names use
 * division codes (each instance's JetStream domain is its division), so a neighbour can name the
 * streams it sources without knowing anything else about this instance.
 */
export class FederationTopology {
  readonly parent: string | null;
  readonly children: readonly string[];

  constructor(
    readonly self: string,
    parent: string | null,
    children: readonly string[],
    /** The instance's NATS subject namespace (`ms.<division>`). */
    private readonly namespace: string,
  ) {
    this.parent = parent;
    this.children = [...children];
    for (const child of children) {
      if (child === self || !isWithinJurisdiction(self, child)) {
        throw new Error(`child instance ${child} is not below ${self}`);
      }
    }
    if (parent && (parent === self || !isWithinJurisdiction(parent, self))) {
      throw new Error(`parent instance ${parent} does not cover ${self}`);
    }
  }

  /** `''` derives the parent from the code, `none` means no parent. */
  static parentFrom(self: string, setting: string): string | null {
    if (setting === 'none') return null;
    if (setting) return setting;
    return parentDivisionCode(self);
  }

  get neighbours(): string[] {
    return [...(this.parent ? [this.parent] : []), ...this.children];
  }

  directionOf(neighbour: string): Direction | null {
    if (neighbour === this.parent) return 'parent';
    return this.children.includes(neighbour) ? 'child' : null;
  }

  /** The stream in `from`'s JetStream domain holding what `from` sends to `to`. */
  static outboundStream(from: string, to: string): string {
    return `FEDX_${from}_TO_${to}`;
  }

  /** The stream in this instance's domain that sources every neighbour's stream towards it. */
  get inboundStream(): string {
    return `FEDX_${this.self}_IN`;
  }

  outboundSubject(neighbour: string): string {
    return `${this.namespace}.federation.to.${neighbour}`;
  }

  /**
   * Where an envelope for `recipient` goes from here: applied here (`self`), to the child whose
   * subtree holds it, or up to the parent; `null` when there is nowhere to send it.
   */
  nextHop(recipient: string): string | null {
    const child = this.children
      .filter((code) => isWithinJurisdiction(code, recipient))
      .sort((a, b) => significant(b) - significant(a))[0];
    if (child) return child;
    if (isWithinJurisdiction(this.self, recipient)) return this.self;
    return this.parent;
  }

  /**
   * Jurisdiction of one hop: only the parent or a child may send here; from the parent comes only
   * what is for this subtree and was written outside it; from a child only what was written in
   * its subtree and is not for that subtree.
   */
  checkHop(sender: string, origin: string, recipient: string): void {
    const direction = this.directionOf(sender);
    if (!direction) throw new JurisdictionError(`${sender} is neither the parent nor a child`);
    if (direction === 'parent') {
      if (!isWithinJurisdiction(this.self, recipient)) {
        throw new JurisdictionError(`recipient ${recipient} is outside ${this.self}`);
      }
      if (isWithinJurisdiction(this.self, origin)) {
        throw new JurisdictionError(`origin ${origin} is inside ${this.self}, not above it`);
      }
      return;
    }
    if (!isWithinJurisdiction(sender, origin)) {
      throw new JurisdictionError(`origin ${origin} is outside the child ${sender}`);
    }
    if (isWithinJurisdiction(sender, recipient)) {
      throw new JurisdictionError(`recipient ${recipient} is inside the sending child ${sender}`);
    }
    if (!isWithinJurisdiction(this.self, recipient) && !this.parent) {
      throw new JurisdictionError(`recipient ${recipient} is outside ${this.self}, the top`);
    }
  }
}

function significant(code: string): number {
  return code.replace(/(00)+$/, '').length;
}
