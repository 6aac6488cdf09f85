import { DateField, NumberField, useLocaleState, type DateFieldProps, type NumberFieldProps } from 'react-admin';
import { intlLocale } from './locale';

/** The Intl locale of the language chosen (dates, times and numbers written as its readers expect). */
export const useIntlLocale = (): string => intlLocale(useLocaleState()[0]);

/** A date (and time) in the chosen language's format. */
export const LocaleDateField = (props: DateFieldProps) => <DateField locales={useIntlLocale()} {...props} />;

/** A number in the chosen language's format. */
export const LocaleNumberField = (props: NumberFieldProps) => <NumberField locales={useIntlLocale()} {...props} />;
