// The Seattle weather data of vega-datasets (2012–2015, one row a day), for drift tests on real data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export interface WeatherDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly precipitation: number;
  readonly temp_max: number;
  readonly temp_min: number;
  readonly wind: number;
  readonly weather: string;
}

export const WEATHER_NUMERIC = ['precipitation', 'temp_max', 'temp_min', 'wind'] as const;

export function seattleWeather(): WeatherDay[] {
  // The package's exports map hides its data folder from require.resolve, so the file is found by path.
  const file = path.resolve(import.meta.dirname, '../../../../node_modules/vega-datasets/data/seattle-weather.csv');
  const records: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
  return records.map((record) => {
    const [year, month, day] = record.date!.split('-').map(Number) as [number, number, number];
    return {
      year,
      month,
      day,
      precipitation: Number(record.precipitation),
      temp_max: Number(record.temp_max),
      temp_min: Number(record.temp_min),
      wind: Number(record.wind),
      weather: record.weather!,
    };
  });
}
