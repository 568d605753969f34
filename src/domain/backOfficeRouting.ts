import type { CoordinatingLevel, EmployerScope, UserType } from '../contract/vocabulary.js';
import { DomainError } from './domainError.js';

/**
 * Who coordinates a *kondisi tertentu* follow-up (Kepmenaker 225/2023, back-office coordination).
 * For employers the decree fixes the level by where the company operates; for everyone else it
 * allows any level, so the officer must pick one.
 */

export interface RoutingInput {
  userType: UserType;
  /** Where the employer operates; required for pemberi_kerja. */
  employerScope?: EmployerScope;
  /** The officer's choice; required for everyone but employers, and must match the rule for them. */
  chosenLevel?: CoordinatingLevel;
}

const LEVEL_BY_EMPLOYER_SCOPE: Record<EmployerScope, CoordinatingLevel> = {
  kabupaten_kota: 'dinas_kabupaten_kota',
  provinsi: 'dinas_provinsi',
  nasional: 'kementerian',
};

const SCOPE_WORDING: Record<EmployerScope, string> = {
  kabupaten_kota: 'within one regency/city',
  provinsi: 'across regencies/cities of one province',
  nasional: 'across provinces',
};

export function coordinatingLevel(input: RoutingInput): CoordinatingLevel {
  if (input.userType === 'pemberi_kerja') {
    if (input.employerScope === undefined) {
      throw new DomainError('invalid_input', "an employer's referral needs the employer's scope (kabupaten_kota, provinsi or nasional)");
    }
    const level = LEVEL_BY_EMPLOYER_SCOPE[input.employerScope];
    if (input.chosenLevel !== undefined && input.chosenLevel !== level) {
      throw new DomainError(
        'invalid_input',
        `an employer operating ${SCOPE_WORDING[input.employerScope]} is coordinated by ${level}, not ${input.chosenLevel}`,
      );
    }
    return level;
  }
  if (input.chosenLevel === undefined) {
    throw new DomainError('invalid_input', `a referral for ${input.userType} needs a chosen level (dinas_kabupaten_kota, dinas_provinsi or kementerian)`);
  }
  return input.chosenLevel;
}
