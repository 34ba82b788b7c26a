import { hash, verify } from '@node-rs/argon2';
import { DOMAIN_MESSAGES, type FieldError, type Language, PASSWORD_MIN_LENGTH } from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import * as commonPasswords from 'fxa-common-password-list';

/** Argon2id (`Algorithm.Argon2id` is a const enum, which isolatedModules cannot inline) with OWASP's minimum cost. */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Common and breached passwords (Mozilla's list, shipped in `fxa-common-password-list`). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return commonPasswords.test(password) || (lower !== password && commonPasswords.test(lower));
}

@Injectable()
export class PasswordService {
  /** A hash to verify against when the user does not exist, so timing does not reveal accounts. */
  private dummyHash: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummyHash ??= this.hash('dummy-password-for-timing');
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }

  /**
   * The policy beyond the schema's length rule (ASVS 2.1.1, 2.1.7): not on the common/breached
   * list, and not containing the account's email address or its local part.
   */
  policyErrors(
    password: string,
    email: string | null,
    field: string,
    language: Language = 'nl',
  ): FieldError[] {
    const errors: FieldError[] = [];
    if (password.length < PASSWORD_MIN_LENGTH) {
      errors.push({ field, code: 'too_small', message: DOMAIN_MESSAGES['password.tooShort'][language] });
    }
    if (isCommonPassword(password)) {
      errors.push({ field, code: 'common', message: DOMAIN_MESSAGES['password.common'][language] });
    }
    const lower = password.toLowerCase();
    const local = email?.toLowerCase().split('@')[0] ?? '';
    if (email && (lower.includes(email.toLowerCase()) || (local.length >= 4 && lower.includes(local)))) {
      errors.push({
        field,
        code: 'contains_email',
        message: DOMAIN_MESSAGES['password.containsEmail'][language],
      });
    }
    return errors;
  }
}
