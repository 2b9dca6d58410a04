// The shape of a translation, kept apart from the catalogue so namespace files import no catalogue.
/** The Chinese (or any other) side of an English namespace: the same keys, any text. */
export type Translation<T> = { readonly [K in keyof T]: string };
