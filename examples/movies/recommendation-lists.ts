// The three ways the example answers "10 movies for this user", as pure functions over candidate lists: the model's,
// the popularity baseline's, and the product brief's rule that picks between them. None ever returns a rated movie.

export const LIST_LENGTH = 10;
/** The brief: a user with fewer training ratings than this gets the popular movies. */
export const COLD_START_BELOW = 10;

/** The first k candidates the user has not rated, in order; fewer when the candidates run out. */
export function topUnrated(candidates: readonly string[], rated: ReadonlySet<string>, k = LIST_LENGTH): string[] {
  const top: string[] = [];
  for (const item of candidates) {
    if (top.length === k) break;
    if (!rated.has(item) && !top.includes(item)) top.push(item);
  }
  return top;
}

export interface UserHistory {
  readonly ratingsCount: number;
  readonly rated: ReadonlySet<string>;
}

/** The brief's rule: fewer than 10 ratings → the popular movies, else the model's; rated movies removed either way. */
export function hybridList(user: UserHistory, modelCandidates: readonly string[], popular: readonly string[], k = LIST_LENGTH): string[] {
  return topUnrated(isColdStart(user) ? popular : modelCandidates, user.rated, k);
}

export function isColdStart(user: Pick<UserHistory, 'ratingsCount'>): boolean {
  return user.ratingsCount < COLD_START_BELOW;
}
