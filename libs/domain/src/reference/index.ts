import provincesData from './data/provinces.json';
import municipalitiesData from './data/municipalities-2025.json';
import knelpuntTypesData from './data/knelpunt-types.json';
import levelsData from './data/escalation-levels.json';
import partyTypesData from './data/party-types.json';
import partiesData from './data/parties.json';
import letterCasesData from './data/letter-cases.json';

export interface Province {
  code: string;
  name: string;
  alsoKnownAs?: string[];
}
export interface Municipality {
  code: string;
  name: string;
  provinceCode: string;
}
export interface KnelpuntType {
  code: string;
  nl: string;
  en: string;
  namedInLetter: boolean;
  note?: string;
}
export interface EscalationLevel {
  rank: number;
  code: string;
  nl: string;
  en: string;
  note?: string;
}
export interface PartyType {
  code: string;
  nl: string;
  en: string;
}
export interface PartySeed {
  name: string;
  type: string;
  short?: string;
  note?: string;
}
export interface LetterCase {
  project: string;
  municipality: string | null;
  municipalityCode?: string;
  province: string;
  homes: number | null;
  approximate?: boolean;
  knelpunt?: string;
  outcome: string;
  level?: string;
  solution?: string;
  parties?: string[];
  letter: string;
}

/** Reference data as shipped (CBS 2025, the Kamerbrief). The database holds the editable copy. */
export const PROVINCES: readonly Province[] = provincesData.provinces;
export const MUNICIPALITIES: readonly Municipality[] = municipalitiesData.municipalities;
export const KNELPUNT_TYPES: readonly KnelpuntType[] = knelpuntTypesData.types;
export const ESCALATION_LEVELS: readonly EscalationLevel[] = levelsData.levels;
export const PARTY_TYPES: readonly PartyType[] = partyTypesData.types;
export const PARTIES: readonly PartySeed[] = partiesData.parties;
export const LETTER_CASES: readonly LetterCase[] = letterCasesData.cases;

export const MUNICIPALITY_CODE_PATTERN = /^GM\d{4}$/;
export const PROVINCE_CODE_PATTERN = /^PV(2\d|3[01])$/;
