import {
  CaseAssignmentEntity,
  CaseAttachmentEntity,
  CaseBreakthroughEntity,
  CaseCommentEntity,
  CaseEntity,
  CaseEscalationEntity,
  CaseEventEntity,
  CaseKnelpuntEntity,
  CaseReferenceCounterEntity,
} from '../modules/cases/case.entity';
import {
  DeadlineEntity,
  DeadlineEventEntity,
  DeadlinePolicyEntity,
  HolidayEntity,
  ScheduledReminderEntity,
} from '../modules/deadlines/deadline.entity';
import { AuditLogEntity } from '../modules/audit/audit-log.entity';
import { OrganisationEntity } from '../modules/identity/organisation.entity';
import { ActionLinkEntity } from '../modules/links/action-link.entity';
import {
  SavedViewEntity,
  SystemicKnelpuntCaseEntity,
  SystemicKnelpuntEntity,
} from '../modules/insight/insight.entities';
import { DeliveryEntity } from '../modules/notifications/delivery.entity';
import { SessionEntity } from '../modules/identity/session.entity';
import { UserEntity } from '../modules/identity/user.entity';
import { RegionEntity, RegionMunicipalityEntity } from '../modules/reference/region.entity';
import {
  EscalationLevelEntity,
  KnelpuntTypeEntity,
  MunicipalityEntity,
  PartyTypeEntity,
  ProvinceEntity,
} from '../modules/reference/reference.entities';

/** Every entity, listed once (no globs: the same list works from src under Vitest and from dist). */
export const ENTITIES = [
  ProvinceEntity,
  MunicipalityEntity,
  KnelpuntTypeEntity,
  EscalationLevelEntity,
  PartyTypeEntity,
  RegionEntity,
  RegionMunicipalityEntity,
  OrganisationEntity,
  UserEntity,
  SessionEntity,
  CaseEntity,
  CaseKnelpuntEntity,
  CaseReferenceCounterEntity,
  CaseAssignmentEntity,
  CaseEscalationEntity,
  CaseBreakthroughEntity,
  CaseCommentEntity,
  CaseAttachmentEntity,
  CaseEventEntity,
  HolidayEntity,
  DeadlinePolicyEntity,
  DeadlineEntity,
  DeadlineEventEntity,
  ScheduledReminderEntity,
  DeliveryEntity,
  SystemicKnelpuntEntity,
  SystemicKnelpuntCaseEntity,
  SavedViewEntity,
  AuditLogEntity,
  ActionLinkEntity,
];
