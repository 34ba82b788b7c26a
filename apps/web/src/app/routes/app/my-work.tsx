import type { MyWork, WorkItem } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Loading } from '@/components/ui/loading';
import { Section } from '@/components/ui/section';
import { useMyWork } from '@/features/work/api/get-my-work';
import { WorkTable } from '@/features/work/components/work-table';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type MessageKey } from '@/lib/i18n';

const SECTIONS: { key: keyof Omit<MyWork, 'counts'>; id: string; title: MessageKey; empty: MessageKey }[] = [
  { key: 'overdue', id: 'te-laat', title: 'myWork.overdue', empty: 'myWork.overdue.empty' },
  { key: 'dueSoon', id: 'binnenkort', title: 'myWork.dueSoon', empty: 'myWork.dueSoon.empty' },
  { key: 'open', id: 'overig', title: 'myWork.open', empty: 'myWork.open.empty' },
];

function WorkSection({
  id,
  title,
  empty,
  items,
}: {
  id: string;
  title: string;
  empty: string;
  items: readonly WorkItem[];
}) {
  return (
    <Section id={id} title={`${title} (${items.length})`}>
      {items.length === 0 ? <p>{empty}</p> : <WorkTable items={items} captionId={`${id}-title`} />}
    </Section>
  );
}

/** The home page: what waits for me, overdue first. */
export default function MyWorkRoute() {
  const { t } = useI18n();
  const workQuery = useMyWork();
  const work = workQuery.data;

  return (
    <>
      <DocumentTitle title={t('myWork.title')} />
      <PageHeading>{t('myWork.title')}</PageHeading>
      <p className="narrow">{t('myWork.intro')}</p>
      {workQuery.isPending ? (
        <Loading label={t('myWork.loading')} />
      ) : !work ? (
        <Alert>{describeRequestError(workQuery.error, t)}</Alert>
      ) : (
        <>
          <p className="result-count">
            {t('myWork.summary', {
              overdue: work.counts.overdue,
              dueSoon: work.counts.dueSoon,
              open: work.counts.open,
            })}
          </p>
          {SECTIONS.map((section) => (
            <WorkSection
              key={section.key}
              id={section.id}
              title={t(section.title)}
              empty={t(section.empty)}
              items={work[section.key]}
            />
          ))}
        </>
      )}
    </>
  );
}
