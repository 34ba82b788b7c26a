import type { WorkItem } from '@doorbraak/domain';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { describeClock, isClockOverdue } from '@/lib/clock';
import { useI18n } from '@/lib/i18n';

/** Where on the case page the item lives: a party's action, the ladder, or the top. */
function sectionOf(item: WorkItem): string | undefined {
  if (item.kind === 'assignment') return 'partijen';
  if (item.kind === 'level_decision') return 'ladder';
  return undefined;
}

/** One section of Mijn werk as a table; the case is the row header and links to the case. */
export function WorkTable({ items, captionId }: { items: readonly WorkItem[]; captionId: string }) {
  const { t, formatDay } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-labelledby={captionId}>
      <table className="table" aria-labelledby={captionId}>
        <thead>
          <tr>
            <th scope="col">{t('myWork.case')}</th>
            <th scope="col">{t('myWork.task')}</th>
            <th scope="col">{t('myWork.kind')}</th>
            <th scope="col">{t('myWork.organisation')}</th>
            <th scope="col">{t('myWork.dueDate')}</th>
            <th scope="col">{t('myWork.clock')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={`${item.caseId}-${item.kind}-${index}`}>
              <th scope="row" className="table__row-header">
                <Link to={paths.cases.detail.getHref(item.caseId, sectionOf(item))}>
                  {item.reference} {item.projectName}
                </Link>
              </th>
              <td className="prewrap">{item.title}</td>
              <td>{t(`workKind.${item.kind}`)}</td>
              <td>{item.organisationName ?? '—'}</td>
              <td>{item.dueDate ? formatDay(item.dueDate) : t('myWork.noDueDate')}</td>
              <td>
                {isClockOverdue(item) ? (
                  <strong className="tag tag--warning">{describeClock(item, t, formatDay)}</strong>
                ) : (
                  describeClock(item, t, formatDay)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
