// The parts of a procedure's page that list things: components to prepare, places to apply, general facts.
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { type ReactNode, useId } from 'react';
import type { Procedure } from '../api/catalog.ts';
import { useI18n } from '../i18n/index.tsx';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const heading = useId();
  return (
    <section className="section" aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      {children}
    </section>
  );
}

/** Thành phần hồ sơ, with the form to download where there is one, and whether an e-form replaces filling it. */
export function Components({ procedure: p }: { procedure: Procedure }) {
  const { t } = useI18n();
  const properties = p.eform.schema.properties;
  const eform = typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0;
  return (
    <Section title={t.procedure.components}>
      <ol className="components">
        {p.components.map((c) => (
          <li key={c.name}>
            <p className="components__name" lang="vi">
              {c.name}
            </p>
            <p className="muted">
              {[
                t.vocab.form[c.form],
                t.procedure.copies(c.copies),
                c.required ? t.procedure.required : t.procedure.optional,
              ].join(' · ')}
            </p>
            <p className="muted">{t.procedure.accepted(c.acceptedTypes.join(', '), c.maxSizeMb)}</p>
            {c.template && (
              <a href={c.template.url} download={c.template.fileName} className="components__template">
                <DownloadOutlined aria-hidden /> {t.procedure.download}: {c.template.fileName}
              </a>
            )}
          </li>
        ))}
      </ol>
      {eform && (
        <p className="note">
          <strong>{t.procedure.eform}.</strong> {t.procedure.eformOffered}
        </p>
      )}
    </Section>
  );
}

/** Nơi tiếp nhận hồ sơ: the agencies offering the procedure, with address and phone. */
export function Offerings({ procedure: p }: { procedure: Procedure }) {
  const { t } = useI18n();
  return (
    <Section title={t.procedure.where}>
      <ul className="offerings">
        {p.offerings.map((o) => (
          <li key={o.agencyId}>
            <p className="offerings__name" lang="vi">
              {o.name}
            </p>
            {o.address ? (
              <p className="muted" lang="vi">
                {o.address}
              </p>
            ) : (
              <p className="muted">{t.procedure.noAddress}</p>
            )}
            {o.phone && (
              <p>
                {t.procedure.phone}: <a href={`tel:${o.phone.replace(/\s/g, '')}`}>{o.phone}</a>
              </p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function GeneralFacts({ procedure: p }: { procedure: Procedure }) {
  const { t } = useI18n();
  const facts: [term: string, value: string, lang?: 'vi'][] = [
    [t.procedure.code, p.code],
    [t.procedure.field, p.field.name, 'vi'],
    [t.procedure.levels, p.levels.map((l) => t.vocab.level[l]).join(', ')],
    [t.procedure.applicants, p.applicantTypes.map((a) => t.vocab.applicant[a]).join(', ')],
    [t.procedure.managingAgency, p.managingAgency.name, 'vi'],
    [t.procedure.channels, p.receiptChannels.map((c) => t.vocab.channel[c]).join(', ')],
    [t.procedure.validFrom, dayjs(p.validFrom).format('DD/MM/YYYY')],
  ];
  return (
    <Section title={t.procedure.general}>
      <dl className="facts">
        {facts.map(([term, value, lang]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd lang={lang}>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
