import { KubeObject } from '../types';
import { age } from './humanDuration';
import { findResults } from './jsonPath';

/** How tableconvertor prints one value of an `additionalPrinterColumns` column (cellForJSONValue). */
export function cellForColumn(
  o: KubeObject,
  jsonPath: string,
  type: string,
): unknown {
  let results: unknown[];
  try {
    results = findResults(o, jsonPath);
  } catch {
    return null;
  }
  if (results.length === 0) return null;
  const value = results[0];
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      // jsonpath's PrintResults: maps and lists as compact JSON, scalars as text
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : age(value);
    default:
      return null;
  }
}
