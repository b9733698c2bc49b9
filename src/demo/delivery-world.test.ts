import { describe, expect, it } from 'vitest';
import { DeliveryWorld, MAX_DELIVERY_KM } from './delivery-world.js';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('DeliveryWorld', () => {
  it('draws the same restaurants, history and orders from the same seed, and others from another', () => {
    const [a, b, c] = [new DeliveryWorld(7), new DeliveryWorld(7), new DeliveryWorld(8)];
    expect(a.restaurants).toEqual(b.restaurants);
    expect(a.history(50)).toEqual(b.history(50));
    expect(a.orders(50, 'rain', 2)).toEqual(b.orders(50, 'rain', 2));
    expect(a.orders(50, 'clear', 1)).not.toEqual(a.orders(50, 'clear', 2));
    expect(c.history(50)).not.toEqual(a.history(50));
  });

  it('has no delivery time for orders beyond the delivery range, and some of those in live traffic', () => {
    const orders = new DeliveryWorld(1).orders(1000, 'clear', 1);
    const tooFar = orders.filter((o) => o.request.distance_km > MAX_DELIVERY_KM);
    expect(tooFar.length).toBeGreaterThan(10);
    expect(tooFar.every((o) => o.minutes === null)).toBe(true);
    expect(new DeliveryWorld(1).history(1000).every((row) => row.distance_km <= MAX_DELIVERY_KM)).toBe(true);
  });

  it('makes rainy orders come from farther away and take longer at the same distance', () => {
    const world = new DeliveryWorld(3);
    const delivered = (weather: 'clear' | 'rain') => world.orders(2000, weather, 5, 0);
    expect(mean(delivered('rain').map((o) => o.request.distance_km))).toBeGreaterThan(1.5 * mean(delivered('clear').map((o) => o.request.distance_km)));
    const minutesAt4To6Km = (weather: 'clear' | 'rain') => mean(delivered(weather).filter((o) => o.request.distance_km >= 4 && o.request.distance_km < 6).map((o) => o.minutes!));
    expect(minutesAt4To6Km('rain') - minutesAt4To6Km('clear')).toBeGreaterThan(9);
  });
});
