import { useState } from 'react';
import type { CatalogueService, TicketView } from '../../../../src/contract/api.js';
import type { UserType } from '../../../../src/contract/vocabulary.js';
import { UserTypeSelect } from '../common.js';
import { useStaffI18n } from '../staffI18n.js';

/**
 * The desk's services for the visitor's user type (Kepmenaker 225/2023 lists one set for job
 * seekers, workers and the public, one for employers). A ticket from the kiosk has no user type
 * yet; then the officer picks it here to narrow the list.
 */
export function ServiceChecklist({
  ticket,
  services,
  chosen,
  onChange,
}: {
  ticket: TicketView;
  services: readonly CatalogueService[];
  chosen: readonly string[];
  onChange(codes: string[]): void;
}) {
  const { t, language } = useStaffI18n();
  const [userType, setUserType] = useState<UserType | 'all'>(ticket.userType ?? 'all');
  const shown = userType === 'all' ? services : services.filter((service) => service.userTypes.includes(userType));
  const toggle = (code: string) => onChange(chosen.includes(code) ? chosen.filter((other) => other !== code) : [...chosen, code]);

  return (
    <div className="service-checklist" data-testid="service-checklist">
      <label className="st-field inline">
        <span>{t('finish.userType')}</span>
        <UserTypeSelect value={userType} onChange={setUserType} none={{ value: 'all', label: t('finish.allUserTypes') }} testId="checklist-user-type" />
      </label>
      {shown.length === 0 ? (
        <p className="st-muted">{t('finish.noServices')}</p>
      ) : (
        <ul className="checklist">
          {shown.map((service) => (
            <li key={service.code}>
              <label className={`check ${chosen.includes(service.code) ? 'selected' : ''}`}>
                <input type="checkbox" checked={chosen.includes(service.code)} data-testid={`service-${service.code}`} onChange={() => toggle(service.code)} />
                <span>{language === 'id' ? service.name : service.nameEn}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
