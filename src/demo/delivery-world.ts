// The demo's synthetic world: a food-delivery app's restaurants, its orders and how long they really take, all drawn
// from one seed. On a clear day the model's features explain the time; when it rains, customers order from farther
// away and every delivery takes 12 minutes longer, which no feature says.
import { seededRandom } from '../dataset/index.js';

/** Cuisines and their typical preparation time in minutes. */
const CUISINES = { pizza: 14, sushi: 18, burgers: 9, thai: 15, indian: 20, salads: 7 } as const;
type Cuisine = keyof typeof CUISINES;

/** Weighted hours of the day orders come in: a lunch and a dinner peak. */
const HOURS = [10, 11, 11, 12, 12, 12, 13, 13, 14, 15, 16, 17, 18, 18, 18, 19, 19, 19, 20, 20, 21, 22, 23];

/** How far the app delivers; the rule set answers "not deliverable" beyond it. */
export const MAX_DELIVERY_KM = 25;
export const RAIN_EXTRA_MINUTES = 12;

export type Weather = 'clear' | 'rain';

export interface Restaurant {
  readonly restaurant_id: number;
  readonly prep_minutes: number;
  readonly cuisine: Cuisine;
}

/** What the app sends to the decide endpoint. */
export interface OrderRequest {
  readonly restaurant_id: number;
  readonly distance_km: number;
  readonly hour: number;
}

/** An order and, when it can be delivered, the minutes it really took (known once it arrived). */
export interface Order {
  readonly request: OrderRequest;
  readonly minutes: number | null;
}

/** A row of the order history the first model is trained on. */
export interface HistoryRow {
  readonly distance_km: number;
  readonly prep_minutes: number;
  readonly cuisine: string;
  readonly hour: number;
  readonly minutes: number;
}

export class DeliveryWorld {
  readonly restaurants: readonly Restaurant[];
  private readonly byId: ReadonlyMap<number, Restaurant>;

  constructor(private readonly seed: number, restaurantCount = 40) {
    const random = seededRandom(seed);
    const names = Object.keys(CUISINES) as Cuisine[];
    this.restaurants = Array.from({ length: restaurantCount }, (_, i) => {
      const cuisine = names[Math.floor(random() * names.length)]!;
      return { restaurant_id: i + 1, cuisine, prep_minutes: Math.max(4, Math.round(CUISINES[cuisine] + (random() - 0.5) * 8)) };
    });
    this.byId = new Map(this.restaurants.map((r) => [r.restaurant_id, r]));
  }

  /** Past deliveries on clear days: the training data of the first model. */
  history(rows: number): HistoryRow[] {
    const random = seededRandom(this.seed + 1);
    return Array.from({ length: rows }, () => {
      const request = this.draw(random, 'clear', 0);
      const restaurant = this.byId.get(request.restaurant_id)!;
      return { distance_km: request.distance_km, prep_minutes: restaurant.prep_minutes, cuisine: restaurant.cuisine, hour: request.hour, minutes: this.minutes(request, 'clear', random) };
    });
  }

  /** Live orders; `stream` picks an independent sequence (one per traffic phase). A share of them is out of range. */
  orders(count: number, weather: Weather, stream: number, tooFarShare = 0.04): Order[] {
    const random = seededRandom(this.seed + 100 + stream);
    return Array.from({ length: count }, () => {
      const request = this.draw(random, weather, tooFarShare);
      return { request, minutes: request.distance_km > MAX_DELIVERY_KM ? null : this.minutes(request, weather, random) };
    });
  }

  private draw(random: () => number, weather: Weather, tooFarShare: number): OrderRequest {
    const restaurant = this.restaurants[Math.floor(random() * this.restaurants.length)]!;
    const hour = HOURS[Math.floor(random() * HOURS.length)]!;
    const tooFar = random() < tooFarShare;
    // In the rain people order from farther away instead of going out.
    const km = tooFar ? 26 + random() * 8 : weather === 'rain' ? 3 + random() * 16 : 0.5 + 11.5 * random() ** 1.4;
    return { restaurant_id: restaurant.restaurant_id, distance_km: Math.round(km * 10) / 10, hour };
  }

  private minutes(request: OrderRequest, weather: Weather, random: () => number): number {
    const restaurant = this.byId.get(request.restaurant_id)!;
    const rush = request.hour === 12 || request.hour === 13 ? 5 : request.hour >= 18 && request.hour <= 20 ? 7 : 0;
    const noise = gaussian(random) * 2;
    const minutes = restaurant.prep_minutes + 3 + 2.4 * request.distance_km + rush + noise + (weather === 'rain' ? RAIN_EXTRA_MINUTES : 0);
    return Math.round(Math.max(5, minutes) * 10) / 10;
  }
}

/** Standard normal draw (Box-Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
