import { useTranslation } from 'react-i18next';

/** `<option>`s for a list of identifiers, labelled from an i18n group (kinds, sectors, ranks …). */
export function LabelledOptions(props: { values: readonly string[]; group: string }) {
  const { t } = useTranslation();
  return props.values.map((value) => (
    <option key={value} value={value}>
      {t(`${props.group}.${value}`)}
    </option>
  ));
}
